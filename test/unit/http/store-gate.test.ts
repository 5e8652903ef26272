import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { errorHandler } from '../../../src/adapters/http/error-handler';
import { storeGate } from '../../../src/adapters/http/store-gate';
import { isRedisUnavailable } from '../../../src/adapters/redis/redis-faults';
import type { HealthCheck } from '../../../src/use-cases/health/health-check';
import { RedisUnavailableError } from '../../../src/domain/errors';

const DEADLINE_MS = 100;
const UNREACHABLE_MS = 300;

/** A store whose connection the test switches off; failures it recognises are Redis's. */
function store(): HealthCheck & { up: boolean; answers: boolean; pingMs: number } {
  const h = {
    up: true,
    /** False: the server keeps its connection but stops answering (a partition, SIGSTOP). */
    answers: true,
    /** How long a ping takes to be answered (a busy host, a long script ahead of it). */
    pingMs: 0,
    ping: () => (h.answers ? new Promise<string>((r) => setTimeout(() => r('PONG'), h.pingMs)) : new Promise<never>(() => undefined)),
    available: () => h.up,
    unavailableError: (err: unknown) => (isRedisUnavailable(err) ? new RedisUnavailableError() : undefined),
  };
  return h;
}

function app(health: HealthCheck): express.Express {
  const a = express();
  a.use(storeGate(health, { deadlineMs: DEADLINE_MS, unreachableMs: UNREACHABLE_MS }));
  a.get('/slow/:ms', async (req, res) => {
    await new Promise((r) => setTimeout(r, Number(req.params.ms)));
    if (!res.headersSent) res.json({ done: true });
  });
  a.get('/throws', () => {
    throw new Error("Stream isn't writeable and enableOfflineQueue options is false");
  });
  a.get('/bug', () => {
    throw new Error('a bug');
  });
  a.use(errorHandler(pino({ level: 'silent' }), '1kb', (err) => health.unavailableError(err)));
  return a;
}

describe('the store gate: 503 redis_unavailable instead of a hang', () => {
  test('when the store is down as a request arrives, then it is answered 503 at once with Retry-After', async () => {
    const health = store();
    health.up = false;
    const t0 = performance.now();
    const res = await request(app(health)).get('/slow/5000');
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('redis_unavailable');
    expect(res.headers['retry-after']).toBe('1');
  });

  test('when the store drops while a request waits, then it is answered 503 at the next check', async () => {
    const health = store();
    setTimeout(() => (health.up = false), 150);
    const t0 = performance.now();
    const res = await request(app(health)).get('/slow/5000');
    const ms = performance.now() - t0;
    expect(res.status).toBe(503);
    expect(ms).toBeGreaterThanOrEqual(150);
    expect(ms).toBeLessThan(1000);
  });

  test('when the store stops answering but keeps its connection, then a waiting request is answered 503 soon after', async () => {
    const health = store();
    setTimeout(() => (health.answers = false), 150);
    const t0 = performance.now();
    const res = await request(app(health)).get('/slow/5000');
    const ms = performance.now() - t0;
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('redis_unavailable');
    expect(ms).toBeLessThan(1000);
  });

  test('when a request is slow but the store is up, then it is not cut', async () => {
    const res = await request(app(store())).get(`/slow/${DEADLINE_MS * 4}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ done: true });
  });

  test('when the store answers its ping slowly but within the unreachable bound, then a slow request is not cut', async () => {
    const health = store();
    // Slower than half the deadline (the old bound), faster than UNREACHABLE_MS.
    health.pingMs = 200;
    const res = await request(app(health)).get(`/slow/${DEADLINE_MS * 5}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ done: true });
  });

  test('when a Redis client error escapes a route, then it is 503 redis_unavailable; any other error stays a 500', async () => {
    const a = app(store());
    const redis = await request(a).get('/throws');
    expect(redis.status).toBe(503);
    expect(redis.body.error.code).toBe('redis_unavailable');
    const bug = await request(a).get('/bug');
    expect(bug.status).toBe(500);
    expect(bug.body.error.code).toBe('internal');
  });
});

describe('isRedisUnavailable', () => {
  test.each([
    ["Stream isn't writeable and enableOfflineQueue options is false"],
    ['Connection is closed.'],
    ['Command timed out'],
    ['Reached the max retries per request limit (which is 0). Refer to "maxRetriesPerRequest" option for details.'],
    ['LOADING Redis is loading the dataset in memory'],
    ['BUSY Redis is busy running a script.'],
  ])('when ioredis says "%s", then Redis is unavailable', (message) => {
    expect(isRedisUnavailable(new Error(message))).toBe(true);
  });

  test('when a socket error has a connection code, then Redis is unavailable', () => {
    expect(isRedisUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(true);
  });

  test.each([['ERR unknown command'], ['WRONGTYPE Operation against a key holding the wrong kind of value'], ['a bug']])(
    'when the error is "%s", then it is not an outage',
    (message) => {
      expect(isRedisUnavailable(new Error(message))).toBe(false);
    },
  );

  test('when the thrown value is not an Error, then it is not an outage', () => {
    expect(isRedisUnavailable('Connection is closed.')).toBe(false);
  });
});
