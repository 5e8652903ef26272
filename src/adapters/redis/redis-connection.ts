import Redis, { type RedisOptions } from 'ioredis';
import { COMMIT_LUA, INTAKE_LUA, MARK_UNASSIGNED_LUA } from './scripts';
import { RELEASE_LUA, SET_ASIDE_LUA } from './proposal-scripts';

/** The county scripts, as commands on the client (EVALSHA with EVAL fallback, by ioredis). */
export interface TiaojieCommands {
  tjIntake(...args: (string | number)[]): Promise<string>;
  tjCommit(...args: (string | number)[]): Promise<string>;
  tjMarkUnassigned(...args: (string | number)[]): Promise<string>;
  tjSetAside(...args: (string | number)[]): Promise<string>;
  tjRelease(...args: (string | number)[]): Promise<number>;
}
export type TiaojieRedis = Redis & TiaojieCommands;

/** Longest pause between two reconnection attempts, ms: Redis back → clients back within it. */
export const RECONNECT_CAP_MS = 500;

/**
 * Reconnect quickly and keep trying: 50, 100, … ms, capped at RECONNECT_CAP_MS (ioredis's own
 * strategy and BullMQ's, which grows to 20 s, left writes hanging for seconds after Redis returned).
 */
export function fastReconnect(times: number): number {
  return Math.min(50 * times, RECONNECT_CAP_MS);
}

/**
 * A client for the store. `maxRetriesPerRequest: null` for BullMQ-compatible blocking use is not
 * wanted here: store calls should fail fast so a job is retried rather than hang.
 */
export function createRedis(url: string, options: RedisOptions = {}): TiaojieRedis {
  // Auto-pipelining sends the commands issued in one tick in one write (a request's reads, many requests' intakes).
  const client = new Redis(url, { maxRetriesPerRequest: 3, enableAutoPipelining: true, retryStrategy: fastReconnect, ...options });
  // No fixed key count: each call passes its count first, since every key a script touches is
  // declared and how many depends on the call (scriptArgs; issue 21).
  client.defineCommand('tjIntake', { lua: INTAKE_LUA });
  client.defineCommand('tjCommit', { lua: COMMIT_LUA });
  client.defineCommand('tjMarkUnassigned', { lua: MARK_UNASSIGNED_LUA });
  client.defineCommand('tjSetAside', { lua: SET_ASIDE_LUA });
  client.defineCommand('tjRelease', { lua: RELEASE_LUA });
  return client as TiaojieRedis;
}

/**
 * Options of the API's client: a request must learn at once that Redis is away, not wait in a
 * queue. No offline queue (a command while disconnected rejects at once) and a command timeout
 * (a server that accepts but does not answer).
 */
export function apiRedisOptions(commandTimeoutMs: number): RedisOptions {
  return { enableOfflineQueue: false, commandTimeout: commandTimeoutMs, maxRetriesPerRequest: 0 };
}

/** BullMQ connection options for a URL (BullMQ creates and owns its own clients). */
export function bullConnection(url: string): { url: string; maxRetriesPerRequest: null; retryStrategy: (times: number) => number } {
  return { url, maxRetriesPerRequest: null, retryStrategy: fastReconnect };
}

/**
 * Resolves once the client is connected, or after `timeoutMs` (false): a service should not open
 * its port while its own client is still connecting (every request would meet a 503).
 */
export function whenReady(client: Redis, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ready: boolean): void => {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ready);
    };
    const onReady = (): void => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    client.once('ready', onReady);
  });
}
