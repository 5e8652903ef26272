import type { RequestHandler, Response } from 'express';
import { RedisUnavailableError } from '../../domain/errors';
import type { HealthCheck } from '../../use-cases/health/health-check';
import { errorBody } from './error-handler';
import { statusOf } from './error-status';

function answerUnavailable(res: Response): void {
  const err = new RedisUnavailableError();
  res.setHeader('Retry-After', String(err.retryAfterSeconds));
  res.status(statusOf(err.code)).json(errorBody(err));
}

/**
 * Guards the data routes against a store that is away. A request that arrives while the storage
 * connection is down is answered 503 `redis_unavailable` at once. One already running is checked
 * every `deadlineMs`: if the connection dropped meanwhile (a write queued in BullMQ's offline queue
 * would otherwise wait for Redis to return) it is answered 503 then. A request that is merely slow
 * while the store is up is left to finish: cutting it would answer 503 for a write that then commits.
 *
 * Whatever such a request still does afterwards is idempotent (a referral by its externalId): the
 * client's retry finds it as a duplicate. Nothing is acknowledged before it is written.
 */
export function storeGate(health: HealthCheck, deadlineMs: number): RequestHandler {
  return (_req, res, next) => {
    if (!health.available()) return void answerUnavailable(res);
    let timer: NodeJS.Timeout | undefined;
    const check = (): void => {
      if (res.headersSent) return;
      if (!health.available()) return void answerUnavailable(res);
      timer = setTimeout(check, deadlineMs);
    };
    timer = setTimeout(check, deadlineMs);
    const stop = (): void => clearTimeout(timer);
    res.once('finish', stop);
    res.once('close', stop);
    next();
  };
}
