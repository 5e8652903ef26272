import type { RedisClient } from './redis-connection';

/** What ioredis says when a command meets no connection (offline queue off, closed, timed out, retries spent). */
const CLIENT_FAULTS = [
  "Stream isn't writeable",
  'Connection is closed',
  'Command timed out',
  'Reached the max retries per request limit',
  'All sentinels are unreachable',
  // ioredis Cluster while it has no node for a slot (a failover, every node away).
  "Cluster isn't ready",
  'Too many Cluster redirections',
  'Failed to refresh slots cache',
  'None of startup nodes is available',
  'Cluster is ended',
] as const;

/** Socket errors of a connection that dropped or was refused. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN', 'EHOSTUNREACH']);

/** Replies of a server that is up but cannot serve yet (loading its AOF after a restart, a cluster without a master for a slot) or is stuck in a script. */
const SERVER_NOT_READY = /^(LOADING|BUSY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN)\b/;

/**
 * True when `err` says Redis is not available (as opposed to a bug or a bad command): the request
 * may be retried once Redis is back.
 */
export function isRedisUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && SOCKET_CODES.has(code)) return true;
  return CLIENT_FAULTS.some((m) => err.message.includes(m)) || SERVER_NOT_READY.test(err.message);
}

/** True while the client holds a connection that has finished its handshake. */
export function isRedisReady(client: Pick<RedisClient, 'status'>): boolean {
  return client.status === 'ready';
}
