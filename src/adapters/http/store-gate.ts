import type { RequestHandler, Response } from 'express';
import { within } from '../../domain/deadline';
import { RedisUnavailableError } from '../../domain/errors';
import type { HealthCheck } from '../../use-cases/health/health-check';
import { sendError } from './error-handler';

/** Answers 503 `redis_unavailable` itself: a request caught running has already passed `next`. */
function answerUnavailable(res: Response): void {
  if (!res.headersSent) sendError(res, new RedisUnavailableError());
}

/** True when the store answers a ping within `ms`. */
async function answersWithin(health: HealthCheck, ms: number): Promise<boolean> {
  return within(health.ping(), ms).then(
    (r) => !r.timedOut,
    () => false,
  );
}

/** How the store gate judges a store away. */
export interface StoreGateTimes {
  /** How often a running request checks the store, ms (REQUEST_DEADLINE_MS). */
  readonly deadlineMs: number;
  /**
   * A ping unanswered for this long means the store is away (REDIS_COMMAND_TIMEOUT_MS: the bound
   * every API command has). A ping slower than that, which a busy host gives, is not. @defaultValue deadlineMs
   */
  readonly unreachableMs?: number;
}

/**
 * Guards the data routes against a store that is away. A request that arrives while the storage
 * connection is down is answered 503 `redis_unavailable` at once. One still running after
 * `deadlineMs` is checked: connection down, or no answer to a ping within `unreachableMs` (a server
 * that stopped answering but keeps its connections: a partition, a frozen host) → 503 then;
 * otherwise it is checked again a `deadlineMs` later. A request that is merely slow while the store
 * answers is left to finish: cutting it would answer 503 for a write that then commits — and a ping
 * slower than a request's own commands may be (a starved host, a long script ahead of it) is slow,
 * not away. So a request ends within about `deadlineMs` + `unreachableMs` of Redis going away, even
 * one waiting in BullMQ's offline queue.
 *
 * Whatever such a request still does afterwards is idempotent (a referral by its externalId): the
 * client's retry finds it as a duplicate. Nothing is acknowledged before it is written.
 */
export function storeGate(health: HealthCheck, { deadlineMs, unreachableMs = deadlineMs }: StoreGateTimes): RequestHandler {
  return (_req, res, next) => {
    if (!health.available()) return void answerUnavailable(res);
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const check = async (): Promise<void> => {
      if (done || res.headersSent) return;
      if (!health.available() || !(await answersWithin(health, unreachableMs))) return answerUnavailable(res);
      if (!done) timer = setTimeout(() => void check(), deadlineMs);
    };
    timer = setTimeout(() => void check(), deadlineMs);
    const stop = (): void => {
      done = true;
      clearTimeout(timer);
    };
    res.once('finish', stop);
    res.once('close', stop);
    next();
  };
}
