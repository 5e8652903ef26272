import Redis, { type RedisOptions } from 'ioredis';
import { COMMIT_LUA, INTAKE_LUA, MARK_UNASSIGNED_LUA } from './scripts';

/** The county scripts, as commands on the client (EVALSHA with EVAL fallback, by ioredis). */
export interface TiaojieCommands {
  tjIntake(...args: (string | number)[]): Promise<string>;
  tjCommit(...args: (string | number)[]): Promise<string>;
  tjMarkUnassigned(...args: (string | number)[]): Promise<string>;
}
export type TiaojieRedis = Redis & TiaojieCommands;

/**
 * A client for the store. `maxRetriesPerRequest: null` for BullMQ-compatible blocking use is not
 * wanted here: store calls should fail fast so a job is retried rather than hang.
 */
export function createRedis(url: string, options: RedisOptions = {}): TiaojieRedis {
  // Auto-pipelining sends the commands issued in one tick in one write (a request's reads, many requests' intakes).
  const client = new Redis(url, { maxRetriesPerRequest: 3, enableAutoPipelining: true, ...options });
  client.defineCommand('tjIntake', { numberOfKeys: 6, lua: INTAKE_LUA });
  client.defineCommand('tjCommit', { numberOfKeys: 6, lua: COMMIT_LUA });
  client.defineCommand('tjMarkUnassigned', { numberOfKeys: 6, lua: MARK_UNASSIGNED_LUA });
  return client as TiaojieRedis;
}

/** BullMQ connection options for a URL (BullMQ creates and owns its own clients). */
export function bullConnection(url: string): { url: string; maxRetriesPerRequest: null } {
  return { url, maxRetriesPerRequest: null };
}
