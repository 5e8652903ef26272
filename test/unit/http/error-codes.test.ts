import express from 'express';
import type { Logger } from 'pino';
import request from 'supertest';
import { errorHandler } from '../../../src/adapters/http/error-handler';
import { ERROR_STATUS } from '../../../src/adapters/http/error-status';
import {
  AccountLockedError,
  AppError,
  ConfigError,
  CsrfFailedError,
  InvalidCredentialsError,
  ConflictError,
  CountyDisabledError,
  ERROR_CODES,
  ForbiddenError,
  JobFailedError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  RedisUnavailableError,
  ReplicationTimeoutError,
  TooManyStreamsError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  UnavailableError,
  ValidationError,
  type ErrorCode,
} from '../../../src/domain/errors';
import { ProblemValidationError } from '../../../src/engine/problem';
import { SolverChoiceError } from '../../../src/engine/solve';
import { UsageError } from '../../../src/cli/args';
import { RedisNotFoundError } from '../../../src/runtime/redis-discovery';

/**
 * What a client sees for each code, written out here on purpose (not read from ERROR_STATUS): a new
 * code fails to compile here, and fails below at run time, until its status is decided and tested.
 */
const EXPECTED_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  redis_unavailable: 503,
  replication_timeout: 503,
  too_many_streams: 503,
  config_invalid: 500,
  internal: 500,
  unsupported_media_type: 415,
  invalid_credentials: 401,
  account_locked: 429,
  csrf_failed: 403,
  county_disabled: 403,
};

/** Every member of the family, as thrown somewhere in src/, with the code it must carry. */
const FAMILY: readonly (readonly [string, () => AppError, ErrorCode])[] = [
  ['ValidationError', () => new ValidationError([{ field: 'body.size', reason: 'too small' }]), 'validation_failed'],
  ['UnauthorizedError', () => new UnauthorizedError(), 'unauthorized'],
  ['ForbiddenError', () => new ForbiddenError(), 'forbidden'],
  ['NotFoundError', () => new NotFoundError('case', 'c1'), 'not_found'],
  ['ConflictError', () => new ConflictError('taken', { by: 'someone' }), 'conflict'],
  ['PayloadTooLargeError', () => new PayloadTooLargeError('1kb'), 'payload_too_large'],
  ['RateLimitedError', () => new RateLimitedError('too many failed authentications', 7), 'rate_limited'],
  ['UnavailableError', () => new UnavailableError('Redis is not reachable'), 'unavailable'],
  ['JobFailedError', () => new JobFailedError('the dry run', 'j1', '/v1/rebalance/jobs/j1'), 'internal'],
  ['ConfigError', () => new ConfigError('rooms.json: rooms: duplicate id "r1"'), 'config_invalid'],
  ['ProblemValidationError', () => new ProblemValidationError([{ path: 'tasks[0].seats', message: 'must be >= 1' }]), 'validation_failed'],
  ['SolverChoiceError', () => new SolverChoiceError('solver "flow" needs every arc load to be 1'), 'validation_failed'],
  ['UsageError', () => new UsageError('unknown option --x'), 'validation_failed'],
  ['RedisNotFoundError', () => new RedisNotFoundError('no Redis answers'), 'unavailable'],
  ['RedisUnavailableError', () => new RedisUnavailableError(), 'redis_unavailable'],
  ['ReplicationTimeoutError', () => new ReplicationTimeoutError(1, 0), 'replication_timeout'],
  ['TooManyStreamsError', () => new TooManyStreamsError('county', 200), 'too_many_streams'],
  ['UnsupportedMediaTypeError', () => new UnsupportedMediaTypeError('text/plain'), 'unsupported_media_type'],
  ['InvalidCredentialsError', () => new InvalidCredentialsError(), 'invalid_credentials'],
  ['AccountLockedError', () => new AccountLockedError(900), 'account_locked'],
  ['CsrfFailedError', () => new CsrfFailedError(), 'csrf_failed'],
  ['CountyDisabledError', () => new CountyDisabledError('gaotai'), 'county_disabled'],
];

interface Logged {
  readonly fields: { readonly reqId?: string; readonly err?: unknown };
  readonly msg: string;
}

/** A tiny app: the real error handler behind routes that throw what the test asks for. */
function app(): { readonly a: express.Express; readonly logged: Logged[] } {
  const logged: Logged[] = [];
  const log = { error: (fields: Logged['fields'], msg: string) => void logged.push({ fields, msg }) } as unknown as Logger;
  const a = express();
  a.use((req, _res, next) => {
    (req as { id?: string }).id = 'req-42'; // what pino-http assigns in the service
    next();
  });
  a.get('/code/:code', (req) => {
    const code = req.params.code as ErrorCode;
    throw new AppError(code, `a ${code} error`, req.query.details === '1' ? { code } : undefined);
  });
  a.get('/family/:i', (req) => {
    throw FAMILY[Number(req.params.i)]![1]();
  });
  a.get('/bug', () => {
    throw new Error('secret internals at /srv/app.ts:12');
  });
  a.get('/midway', (_req, res) => {
    res.status(200).write('partial');
    throw new Error('failed while streaming');
  });
  a.use(errorHandler(log, '1kb'));
  return { a, logged };
}

describe('error codes and their HTTP statuses', () => {
  test('when the table is read, then it maps every code, and only codes, to an error status', () => {
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) expect(ERROR_STATUS[code]).toBeGreaterThanOrEqual(400);
  });

  test('when a code is added, then this test names its status (EXPECTED_STATUS covers every code)', () => {
    expect(Object.keys(EXPECTED_STATUS).sort()).toEqual([...ERROR_CODES].sort());
  });

  test.each(ERROR_CODES.map((c) => [c]))(
    'when an AppError with code %s is thrown, then its status and body reach the client',
    async (code) => {
      const { a, logged } = app();
      const res = await request(a).get(`/code/${code}?details=1`);
      expect(res.status).toBe(EXPECTED_STATUS[code]);
      expect(res.body).toEqual({ error: { code, message: `a ${code} error`, details: { code } } });
      // Server faults are logged with the request id; client faults are not.
      expect(logged.map((l) => l.fields.reqId)).toEqual(res.status >= 500 ? ['req-42'] : []);

      const bare = await request(a).get(`/code/${code}`);
      expect(bare.body).toEqual({ error: { code, message: `a ${code} error` } });
    },
  );

  test.each(FAMILY.map(([name, make, code], i) => [name, code, i, make] as const))(
    'when a %s is thrown, then the client gets %s with its status',
    async (name, code, i, make) => {
      const err = make();
      expect(err).toBeInstanceOf(AppError);
      expect(err.name).toBe(name);
      expect(err).not.toHaveProperty('httpStatus'); // HTTP lives in the adapter only
      const res = await request(app().a).get(`/family/${i}`);
      expect(res.status).toBe(EXPECTED_STATUS[code]);
      expect(res.body).toEqual({ error: { code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } });
    },
  );

  test('when an error says when to retry, then the reply carries Retry-After; otherwise it does not', async () => {
    const at = (name: string): number => FAMILY.findIndex(([n]) => n === name);
    const unavailable = await request(app().a).get(`/family/${at('RedisUnavailableError')}`);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers['retry-after']).toBe('1');
    const streams = await request(app().a).get(`/family/${at('TooManyStreamsError')}`);
    expect(streams.headers['retry-after']).toBe('5');
    const notFound = await request(app().a).get(`/family/${at('NotFoundError')}`);
    expect(notFound.headers['retry-after']).toBeUndefined();
  });

  test('when a validation_failed comes from the engine, then its details have the shape of every validation_failed', () => {
    const fromEngine = new ProblemValidationError([{ path: 'tasks[0].seats', message: 'must be >= 1' }]).details;
    const fromRoute = new ValidationError([{ field: 'tasks[0].seats', reason: 'must be >= 1' }]).details;
    expect(fromEngine).toEqual(fromRoute);
  });

  test('when something not an AppError is thrown, then 500 with a generic body, no internals, logged with the request id', async () => {
    const { a, logged } = app();
    const res = await request(a).get('/bug');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      error: { code: 'internal', message: 'internal error; see the service log', details: { requestId: 'req-42' } },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/secret|\.ts:\d+|\n\s+at /);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.fields.reqId).toBe('req-42');
    expect((logged[0]!.fields.err as Error).message).toContain('secret internals');
  });

  test('when a reply fails after its headers were sent, then it is cut off and logged', async () => {
    const { a, logged } = app();
    const res = await request(a).get('/midway');
    expect(res.status).toBe(200);
    expect(res.text).toBe('partial');
    expect(logged.map((l) => l.fields.reqId)).toEqual(['req-42']);
  });
});
