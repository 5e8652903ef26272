import express from 'express';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { ApiKeyIndex, authenticate, callerOf, requireInstallationAdmin } from '../../../src/adapters/http/auth';
import { errorHandler } from '../../../src/adapters/http/error-handler';
import { RateLimiter } from '../../../src/adapters/http/rate-limiter';
import { ApiKeySchema } from '../../../src/domain/access';
import { parseApiKeys } from '../../../src/runtime/env';

describe('installation admin keys (county "*")', () => {
  test('when an admin key has county "*", then it parses; when another role has it, then it is refused', () => {
    expect(ApiKeySchema.safeParse({ key: 'k'.repeat(16), role: 'admin', county: '*' }).success).toBe(true);
    for (const role of ['court', 'dispatcher', 'viewer']) {
      expect(ApiKeySchema.safeParse({ key: 'k'.repeat(16), role, county: '*' }).success).toBe(false);
    }
    expect(() => parseApiKeys('viewer-key-0123456789=viewer@*')).toThrow(/county/);
    expect(parseApiKeys('inst-key-0123456789=admin@*')[0]?.county).toBe('*');
  });

  test('when "*" is used where a county id is meant, then it is not one', () => {
    expect(ApiKeySchema.safeParse({ key: 'k'.repeat(16), role: 'admin', county: '**' }).success).toBe(false);
  });

  test('when a key index is built by hand with a non-admin "*" key, then it refuses to start', () => {
    expect(() => new ApiKeyIndex([{ key: 'k'.repeat(16), role: 'viewer', county: '*' }])).toThrow(/only an admin key/);
  });
});

describe('RateLimiter', () => {
  test('when a key has used its tokens, then it waits until one refills; other keys are not affected', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 3, now: () => now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(20); // one token per 20 s
    expect(limiter.retryAfter('a')).toBe(20);
    expect(limiter.take('b')).toBe(0);
    now = 19_000;
    expect(limiter.retryAfter('a')).toBe(1);
    now = 20_000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(20);
  });

  test('when perMinute is 0, then nothing is limited', () => {
    const limiter = new RateLimiter({ perMinute: 0 });
    for (let i = 0; i < 1000; i++) expect(limiter.take('a')).toBe(0);
  });

  test('when more keys than maxKeys are seen, then the least recently used is forgotten (memory stays bounded)', () => {
    const limiter = new RateLimiter({ perMinute: 1, maxKeys: 2, now: () => 0 });
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    expect(limiter.retryAfter('a')).toBe(0); // forgotten: a fresh bucket
    expect(limiter.retryAfter('c')).toBeGreaterThan(0);
  });
});

/** A toy app with the real authentication, limited to 3 unknown keys per minute. */
async function limitedApp(): Promise<{ port: number; close: () => void }> {
  const keys = parseApiKeys('good-key-0123456789=viewer@c1,inst-key-0123456789=admin@*');
  const app = express();
  app.use(
    authenticate(new ApiKeyIndex(keys), { byAddress: new RateLimiter({ perMinute: 3 }), byKeyPrefix: new RateLimiter({ perMinute: 3 }) }),
  );
  app.get('/county', (_req, res) => void res.json({ county: callerOf(res).county }));
  app.get('/installation', requireInstallationAdmin(), (_req, res) => void res.json({ ok: true }));
  app.use(errorHandler(pino({ level: 'silent' }), '1kb'));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { port: (server.address() as AddressInfo).port, close: () => void server.close() };
}

/** GET from a chosen loopback source address (127.0.0.x), so tests can act as several clients. */
function get(port: number, path: string, key: string, from = '127.0.0.1'): Promise<{ status: number; retryAfter?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, localAddress: from, headers: { authorization: `Bearer ${key}` } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, ...(res.headers['retry-after'] ? { retryAfter: res.headers['retry-after'] } : {}) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('authentication limits and scopes (toy app)', () => {
  let app: Awaited<ReturnType<typeof limitedApp>>;
  beforeEach(async () => (app = await limitedApp()));
  afterEach(() => app.close());

  test('when an installation admin calls a county route, then 403; a county key on the installation route, then 403', async () => {
    expect((await get(app.port, '/county', 'inst-key-0123456789')).status).toBe(403);
    expect((await get(app.port, '/installation', 'inst-key-0123456789')).status).toBe(200);
    expect((await get(app.port, '/installation', 'good-key-0123456789')).status).toBe(403);
    expect(JSON.parse((await get(app.port, '/county', 'good-key-0123456789')).body)).toEqual({ county: 'c1' });
  });

  test('when one address presents too many unknown keys, then it gets 429 with Retry-After, even with a good key; other addresses do not', async () => {
    for (let i = 0; i < 3; i++) expect((await get(app.port, '/county', `guess${i}-aaaaaaaaaaaa`, '127.0.0.2')).status).toBe(401);
    const limited = await get(app.port, '/county', 'guess9-aaaaaaaaaaaa', '127.0.0.2');
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(limited.body).error.code).toBe('rate_limited');
    expect((await get(app.port, '/county', 'good-key-0123456789', '127.0.0.2')).status).toBe(429);
    expect((await get(app.port, '/county', 'good-key-0123456789', '127.0.0.3')).status).toBe(200);
  });

  test('when unknown keys with one prefix come from many addresses, then that prefix gets 429; other prefixes do not', async () => {
    for (let i = 0; i < 3; i++) expect((await get(app.port, '/county', `samepref-${i}xxxxxxx`, `127.0.0.${10 + i}`)).status).toBe(401);
    expect((await get(app.port, '/county', 'samepref-9xxxxxxx', '127.0.0.20')).status).toBe(429);
    expect((await get(app.port, '/county', 'otherpre-9xxxxxxx', '127.0.0.21')).status).toBe(401);
  });

  test('when the header is missing, then 401 and it is not counted as a guess', async () => {
    const noKey = (): Promise<number> =>
      new Promise((resolve) =>
        httpRequest({ host: '127.0.0.1', port: app.port, path: '/county', localAddress: '127.0.0.4' }, (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        }).end(),
      );
    for (let i = 0; i < 6; i++) expect(await noKey()).toBe(401);
    expect((await get(app.port, '/county', 'good-key-0123456789', '127.0.0.4')).status).toBe(200);
  });
});
