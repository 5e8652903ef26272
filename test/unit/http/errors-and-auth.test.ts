import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { z } from 'zod';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { ApiKeyIndex, authenticate } from '../../../src/adapters/http/auth';
import { errorHandler, notFoundHandler } from '../../../src/adapters/http/error-handler';
import { RateLimiter } from '../../../src/adapters/http/rate-limiter';
import { defineRoute } from '../../../src/adapters/http/route';
import { ConflictError, fromZodError, ValidationError } from '../../../src/domain/errors';
import { parseApiKeys } from '../../../src/runtime/env';

const KEYS = parseApiKeys('court-key-0123456789=court@c1,viewer-key-0123456789=viewer@c1,admin-key-01234567890=admin@c2');

/** A tiny app with the real auth, route helper and error handler around toy routes. */
function app() {
  const a = express();
  a.use(express.json({ limit: '1kb' }));
  const unlimited = new RateLimiter({ perMinute: 0 });
  a.use(authenticate(new ApiKeyIndex(KEYS), { byAddress: unlimited, byKeyPrefix: unlimited }));
  const router = express.Router();
  const registry = new OpenAPIRegistry();
  defineRoute(router, registry, {
    method: 'post',
    path: '/things/:id',
    tag: 't',
    summary: 'toy',
    roles: ['viewer'],
    params: z.object({ id: z.string().regex(/^\d+$/) }),
    body: z.strictObject({ size: z.number().int().min(1) }),
    handler: ({ params, body, caller }) => Promise.resolve({ id: params.id, size: body.size, county: caller.county }),
  });
  defineRoute(router, registry, {
    method: 'get',
    path: '/conflict',
    tag: 't',
    summary: 'always 409',
    roles: ['viewer'],
    handler: () => {
      throw new ConflictError('taken', { by: 'someone' });
    },
  });
  defineRoute(router, registry, {
    method: 'get',
    path: '/boom',
    tag: 't',
    summary: 'a bug',
    roles: ['viewer'],
    handler: () => {
      throw new Error('secret internals at /srv/app.ts:12');
    },
  });
  a.use(router);
  a.use(notFoundHandler);
  a.use(errorHandler(pino({ level: 'silent' }), '1kb'));
  return { a, registry };
}

describe('API error contract (unit)', () => {
  const { a } = app();
  const as = (key: string) => ({ Authorization: `Bearer ${key}` });

  test('when a key matches, then the handler sees its role and county', async () => {
    const res = await request(a).post('/things/7').set(as('viewer-key-0123456789')).send({ size: 2 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: '7', size: 2, county: 'c1' });
  });

  test('when admin calls a viewer route, then it is allowed (admin may do everything)', async () => {
    expect((await request(a).post('/things/7').set(as('admin-key-01234567890')).send({ size: 1 })).status).toBe(200);
  });

  test.each([
    ['no header', 401, {}],
    ['not bearer', 401, { Authorization: 'Basic abc' }],
    ['unknown key', 401, as('nope-nope-nope-nope')],
    ['wrong role', 403, as('court-key-0123456789')],
  ])('when %s, then %i', async (_label, status, headers) => {
    const res = await request(a).post('/things/7').set(headers).send({ size: 2 });
    expect(res.status).toBe(status);
    expect(Object.keys(res.body)).toEqual(['error']);
  });

  test('when params or body are invalid, then 400 names the field', async () => {
    const p = await request(a).post('/things/x').set(as('viewer-key-0123456789')).send({ size: 2 });
    expect(p.status).toBe(400);
    expect(p.body.error.details.field).toBe('params.id');
    const b = await request(a).post('/things/1').set(as('viewer-key-0123456789')).send({ size: 0, extra: 1 });
    expect(b.status).toBe(400);
    expect(b.body.error.details.issues.map((i: { field: string }) => i.field).sort()).toEqual(['body', 'body.size']);
  });

  test('when the body is malformed or too large, then 400 or 413', async () => {
    const bad = await request(a)
      .post('/things/1')
      .set(as('viewer-key-0123456789'))
      .set('Content-Type', 'application/json')
      .send('{"size":');
    expect(bad.status).toBe(400);
    const big = await request(a)
      .post('/things/1')
      .set(as('viewer-key-0123456789'))
      .send({ size: 1, pad: 'x'.repeat(2000) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
  });

  test('when an AppError is thrown, then its status, code and details are rendered', async () => {
    const res = await request(a).get('/conflict').set(as('viewer-key-0123456789'));
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ error: { code: 'conflict', message: 'taken', details: { by: 'someone' } } });
  });

  test('when a bug throws, then 500 says nothing of the internals', async () => {
    const res = await request(a).get('/boom').set(as('viewer-key-0123456789'));
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('secret');
    expect(res.body.error.code).toBe('internal');
  });

  test('when a route does not exist, then 404', async () => {
    expect((await request(a).get('/nothing').set(as('viewer-key-0123456789'))).status).toBe(404);
  });
});

describe('configuration of keys (unit)', () => {
  test('when keys are given as pairs or JSON, then both parse to the same keys', () => {
    const json = parseApiKeys(JSON.stringify([{ key: 'court-key-0123456789', role: 'court', county: 'c1' }]));
    expect(json).toEqual([parseApiKeys('court-key-0123456789=court@c1')[0]]);
  });

  test('when a key is short or a role unknown, then parsing fails naming the field', () => {
    expect(() => parseApiKeys('short=court@c1')).toThrow(/TIAOJIE_API_KEYS\[0\]\.key/);
    expect(() => parseApiKeys('court-key-0123456789=judge@c1')).toThrow(/role/);
  });

  test('when a pair is not key=role@county, then a ValidationError names the variable (serve prints it, exit 2)', () => {
    expect(() => parseApiKeys('court-key-0123456789')).toThrow(ValidationError);
    expect(() => parseApiKeys('court-key-0123456789')).toThrow('TIAOJIE_API_KEYS: "cour…" is not key=role@county');
  });

  test('when zod fails deep inside, then the field path is dotted with indexes', () => {
    const r = z.object({ a: z.array(z.object({ b: z.number() })) }).safeParse({ a: [{ b: 1 }, { b: 'x' }] });
    expect(r.success).toBe(false);
    if (!r.success) expect(fromZodError(r.error, 'body').issues[0]!.field).toBe('body.a[1].b');
  });
});
