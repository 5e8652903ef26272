import type { Logger } from './logger';
import { UnavailableError } from '../domain/errors';
import { redactUrl } from './redact-url';
import { launchRedis, onPath, portIsFree, redisAnswers, type LaunchedRedis } from './redis-launcher';
import { parseRedisUrl } from '../adapters/redis/redis-url';
import { connectRedis } from '../adapters/redis/redis-connection';
import { adopt, findRecordedServer, stopIfOwned, type OwnerRecord, type RecordedServer } from './redis-ownership';

/** Where the service's Redis is, and how to let go of it. */
export interface DiscoveredRedis {
  readonly url: string;
  /** Present when this process owns the server (started or adopted it); stop it on exit. */
  readonly launched?: LaunchedRedis;
}

/** No Redis to use: a dependency is missing, so `unavailable` (serve prints it and exits 1). */
export class RedisNotFoundError extends UnavailableError {
  override readonly name = 'RedisNotFoundError';
}

export const HOW_TO_GET_REDIS =
  'install Redis >= 6.2 (e.g. `apt-get install redis-server` or `brew install redis`) so `redis-server` is on the PATH, or set REDIS_URL to a running Redis';

export interface DiscoverOptions {
  readonly url: string;
  readonly embedded: boolean;
  readonly dataDir: string;
  readonly log: Logger;
}

/**
 * Uses REDIS_URL when something answers there; otherwise, when allowed, the private redis-server
 * of DATA_DIR another process already runs; otherwise, when `redis-server` is on the PATH, starts
 * one (AOF on, files under dataDir) — the embedded default. Only the process that owns the private
 * server (started it, or adopted it after its owner died) stops it: see redis-ownership.ts.
 */
export async function discoverRedis(opts: DiscoverOptions): Promise<DiscoveredRedis> {
  if ((parseRedisUrl(opts.url) as { kind?: string }).kind === 'cluster') return discoverCluster(opts);
  const recorded: RecordedServer = opts.embedded ? await findRecordedServer(opts.dataDir) : { kind: 'none' };
  if (await redisAnswers(opts.url)) {
    if (recorded.kind !== 'none' && localUrlPort(opts.url) === recorded.record.port) return useRecorded(opts, recorded);
    opts.log.info({ redis: redactUrl(opts.url, 'REDIS_URL') }, 'using Redis at REDIS_URL');
    return { url: opts.url };
  }
  if (recorded.kind !== 'none') return useRecorded(opts, recorded);
  const binary = opts.embedded ? onPath('redis-server') : undefined;
  if (!binary) {
    throw new RedisNotFoundError(`no Redis answers at ${redactUrl(opts.url, 'REDIS_URL')}; ${HOW_TO_GET_REDIS}`);
  }
  const launched = await launchRedis({ dataDir: opts.dataDir, binary, ...(await localPort(opts.url)) });
  opts.log.info(
    { redis: launched.url, dataDir: launched.dataDir, binary },
    'nothing answered at REDIS_URL: started a private redis-server (AOF on); it stops when this process exits',
  );
  return { url: launched.url, launched };
}

/**
 * A Redis Cluster is used as REDIS_URL names it or not at all: the private redis-server is one
 * server, no stand-in for a cluster, so REDIS_EMBEDDED does not apply.
 */
async function discoverCluster(opts: DiscoverOptions): Promise<DiscoveredRedis> {
  const redacted = redactUrl(opts.url, 'REDIS_URL');
  if (!(await clusterAnswers(opts.url))) {
    throw new RedisNotFoundError(
      `no node of the Redis Cluster at ${redacted} answers with its cluster serving every slot (the private redis-server is not started for a cluster REDIS_URL)`,
    );
  }
  opts.log.info({ redis: redacted }, 'using the Redis Cluster at REDIS_URL (REDIS_EMBEDDED does not apply to a cluster)');
  return { url: opts.url };
}

/** The private server of DATA_DIR found running: shared while its owner lives, adopted when it is gone. */
function useRecorded(opts: DiscoverOptions, recorded: Exclude<RecordedServer, { kind: 'none' }>): DiscoveredRedis {
  const url = `redis://127.0.0.1:${recorded.record.port}`;
  const where = { redis: url, dataDir: recorded.record.dataDir, redisPid: recorded.record.redisPid };
  if (recorded.kind === 'owned') {
    opts.log.info(
      { ...where, ownerPid: recorded.record.ownerPid },
      'using the private redis-server another running process started; it keeps running when this process exits',
    );
    return { url };
  }
  const record = adopt(recorded.record);
  opts.log.info(where, 'adopted the private redis-server an earlier run left behind (its owner is gone): stopping it on exit');
  return { url, launched: adoptedServer(url, record) };
}

function adoptedServer(url: string, record: OwnerRecord): LaunchedRedis {
  return {
    url,
    port: record.port,
    dataDir: record.dataDir,
    pid: record.redisPid,
    stop: async () => void (await stopIfOwned(record.dataDir)),
  };
}

const LOCAL_HOSTS = ['127.0.0.1', 'localhost', '::1', '[::1]'];

/** The port of a URL that names this machine without credentials, else undefined. */
function localUrlPort(url: string): number | undefined {
  try {
    const u = new URL(url);
    return LOCAL_HOSTS.includes(u.hostname) && !u.password && !u.username ? Number(u.port || 6379) : undefined;
  } catch {
    return undefined;
  }
}

/** REDIS_URL's own port when it names this machine and the port is free, so the private server is where the URL says. */
async function localPort(url: string): Promise<{ port?: number }> {
  const port = localUrlPort(url);
  return port !== undefined && (await portIsFree(port)) ? { port } : {};
}

/** True when a cluster client of `url` becomes ready (it read the slot map from a seed node) within `timeoutMs`. */
async function clusterAnswers(url: string, timeoutMs = 5000): Promise<boolean> {
  const client = connectRedis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  const timer = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  try {
    return await Promise.race([client.connect().then(async () => (await client.ping()) === 'PONG'), timer]);
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
