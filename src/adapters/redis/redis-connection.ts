import Redis, { Cluster, type ChainableCommander, type ClusterOptions, type RedisOptions } from 'ioredis';
import { RedisUnavailableError, ReplicationTimeoutError } from '../../domain/errors';
import { parseRedisUrl, type RedisTarget } from './redis-url';
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
/** A pipeline of the store's client: the county scripts are commands on it too (ioredis adds them). */
export type TiaojiePipeline = ChainableCommander & { [K in keyof TiaojieCommands]: (...args: (string | number)[]) => TiaojiePipeline };
/** A client of one Redis server or of a Redis Cluster: the store's code takes either. */
export type RedisClient = Redis | Cluster;
export type TiaojieRedis = RedisClient & TiaojieCommands;
type ClusterTarget = Extract<RedisTarget, { kind: 'cluster' }>;

/** The target a URL names; a URL neither form is a configuration bug (env.ts validates REDIS_URL first). */
function targetOf(url: string): Exclude<RedisTarget, { error: string }> {
  const target = parseRedisUrl(url);
  if ('error' in target) throw new Error(`REDIS_URL ${target.error}`);
  return target;
}

/**
 * Cluster options carrying `options` as they apply to a cluster: the offline queue, auto-pipelining
 * and the reconnection strategy belong to the cluster client, the rest (timeouts, retries per
 * request, credentials, TLS) to its connection to each node.
 */
export function clusterOptions(target: ClusterTarget, options: RedisOptions): ClusterOptions {
  const { retryStrategy, enableOfflineQueue, enableAutoPipelining, lazyConnect, ...perNode } = options;
  return {
    ...(retryStrategy ? { clusterRetryStrategy: retryStrategy } : {}),
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    ...(enableAutoPipelining === undefined ? {} : { enableAutoPipelining }),
    ...(lazyConnect === undefined ? {} : { lazyConnect }),
    // A failover moves slots: ask again soon (MOVED, CLUSTERDOWN, TRYAGAIN) rather than fail at once.
    retryDelayOnFailover: 100,
    retryDelayOnClusterDown: 100,
    retryDelayOnTryAgain: 100,
    redisOptions: {
      ...perNode,
      ...(target.username ? { username: target.username } : {}),
      ...(target.password ? { password: target.password } : {}),
      ...(target.tls ? { tls: {} } : {}),
    },
  };
}

/** A client for `url`: one server (`redis://`) or a cluster (`redis+cluster://`). */
export function connectRedis(url: string, options: RedisOptions = {}): RedisClient {
  const target = targetOf(url);
  return target.kind === 'single' ? new Redis(url, options) : new Cluster([...target.nodes], clusterOptions(target, options));
}

/** The servers that hold the data: the one server, or every master of a cluster (for SCAN, INFO and the like). */
export function dataNodes(client: RedisClient): Redis[] {
  return client instanceof Cluster ? client.nodes('master') : [client];
}

/** A second connection to the same server or cluster with some options changed (a blocking reader). */
export function duplicateRedis(client: RedisClient, options: RedisOptions): RedisClient {
  if (client instanceof Redis) return client.duplicate(options);
  const { enableOfflineQueue, ...perNode } = options;
  return client.duplicate([], {
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    redisOptions: { ...client.options.redisOptions, ...perNode },
  });
}

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
export function createRedis(url: string, options: RedisOptions = {}, ack: ReplicaAck = NO_ACK): TiaojieRedis {
  // Auto-pipelining sends the commands issued in one tick in one write (a request's reads, many requests' intakes).
  const client = connectRedis(url, { maxRetriesPerRequest: 3, enableAutoPipelining: true, retryStrategy: fastReconnect, ...options });
  // No fixed key count: each call passes its count first, since every key a script touches is
  // declared and how many depends on the call (scriptArgs; issue 21).
  client.defineCommand('tjIntake', { lua: INTAKE_LUA });
  client.defineCommand('tjCommit', { lua: COMMIT_LUA });
  client.defineCommand('tjMarkUnassigned', { lua: MARK_UNASSIGNED_LUA });
  client.defineCommand('tjSetAside', { lua: SET_ASIDE_LUA });
  client.defineCommand('tjRelease', { lua: RELEASE_LUA });
  if (ack.replicas > 0) replicaAcks.set(client, ack);
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

/** What BullMQ is given: options for a server (BullMQ makes its own clients) or a Cluster client it shares. */
export type BullConnection = { url: string; maxRetriesPerRequest: null; retryStrategy: (times: number) => number } | Cluster;

/**
 * BullMQ's connection for a URL. On a cluster BullMQ takes a Cluster client (it duplicates it for its
 * blocking reads) and never closes it: whoever asked closes it with `releaseBullConnection`.
 */
export function bullConnection(url: string): BullConnection {
  const target = targetOf(url);
  if (target.kind === 'single') return { url, maxRetriesPerRequest: null, retryStrategy: fastReconnect };
  return new Cluster([...target.nodes], clusterOptions(target, { maxRetriesPerRequest: null, retryStrategy: fastReconnect }));
}

/** Closes the cluster client `bullConnection` made (options for one server hold nothing to close). */
export function releaseBullConnection(connection: BullConnection): void {
  if (connection instanceof Cluster) connection.disconnect();
}

/**
 * Resolves once the client is connected, or after `timeoutMs` (false): a service should not open
 * its port while its own client is still connecting (every request would meet a 503).
 */
export async function whenReady(client: RedisClient, timeoutMs: number): Promise<boolean> {
  const ready =
    client.status === 'ready' ||
    (await new Promise<boolean>((resolve) => {
      const done = (ok: boolean): void => {
        clearTimeout(timer);
        client.off('ready', onReady);
        resolve(ok);
      };
      const onReady = (): void => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      client.once('ready', onReady);
    }));
  // A cluster client without an offline queue refuses a command to a node still connecting: connect
  // to every master now (a node's own connection queues the PING) rather than fail the first requests.
  if (ready && client instanceof Cluster) await Promise.all(client.nodes('master').map((node) => node.ping().catch(() => undefined)));
  return ready;
}

/** How many replicas a write must reach before it is acknowledged (Redis WAIT), and how long to wait. */
export interface ReplicaAck {
  /** @defaultValue 0: no wait */
  readonly replicas: number;
  /** @defaultValue 500 */
  readonly timeoutMs: number;
}

/** No replica asked for: a write is acknowledged once the master has it. */
const NO_ACK: ReplicaAck = { replicas: 0, timeoutMs: 500 };

/** The replicas each client's acknowledged writes must reach (createRedis's `ack`). */
const replicaAcks = new WeakMap<RedisClient, ReplicaAck>();

/** The replicas a write made with `client` must reach before it is acknowledged (createRedis's `ack`). */
export function replicaAckOf(client: RedisClient): ReplicaAck {
  return replicaAcks.get(client) ?? NO_ACK;
}

/**
 * Runs `pipe` (one write, keyed to one slot) and, when replicas are asked for, WAIT after it on the
 * same connection: on a cluster the keyed command routes the whole pipeline, WAIT included, to that
 * slot's master. The first command's reply; ReplicationTimeoutError when fewer replicas than asked
 * acknowledged in time — the write then happened on the master but a failover may lose it.
 */
export async function execReplicated(client: RedisClient, pipe: ChainableCommander, ack: ReplicaAck): Promise<unknown> {
  const waits = ack.replicas > 0;
  const results = (await (waits ? pipe.wait(ack.replicas, ack.timeoutMs) : pipe).exec()) ?? [];
  const [err, reply] = results[0] ?? [];
  const [waitErr, reached] = waits ? (results.at(-1) ?? []) : [null, 0];
  if (err instanceof Error && /^(MOVED|ASK) /.test(err.message) && client instanceof Cluster) {
    // ioredis does not redirect a pipeline holding a keyless command: learn the new slot map (a
    // failover moved the slot) and answer 503 — nothing was written, the retry goes right.
    client.refreshSlotsCache();
    throw new RedisUnavailableError(undefined, { cause: err });
  }
  if (err) throw err;
  if (waitErr) throw waitErr;
  if (Number(reached) < ack.replicas) throw new ReplicationTimeoutError(ack.replicas, Number(reached));
  return reply;
}

/**
 * One write that decides a case or is acknowledged to a client (a script, keyed to the county's
 * slot), made with `client` and, when its `ack` asks for replicas, followed by WAIT on the same
 * master in the same pipeline (execReplicated). The write's reply.
 */
export async function writeAcked(client: TiaojieRedis, write: (pipe: TiaojiePipeline) => ChainableCommander): Promise<unknown> {
  return execReplicated(client, write(client.pipeline() as TiaojiePipeline), replicaAckOf(client));
}

/** A Lua script over `keys` with `args`, as one acknowledged write (`writeAcked`). The script's reply. */
export function evalAcked(
  client: TiaojieRedis,
  script: string,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  return writeAcked(client, (pipe) => pipe.eval(script, keys.length, ...keys, ...args));
}
