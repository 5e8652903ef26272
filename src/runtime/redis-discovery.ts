import type { Logger } from './logger';
import { UnavailableError } from '../domain/errors';
import { adoptOrphan, launchRedis, onPath, portIsFree, redisAnswers, type LaunchedRedis } from './redis-launcher';

/** Where the service's Redis is, and how to let go of it. */
export interface DiscoveredRedis {
  readonly url: string;
  /** Present when this process started the server; stop it on exit. */
  readonly launched?: LaunchedRedis;
}

/** No Redis to use: a dependency is missing, so `unavailable` (serve prints it and exits 1). */
export class RedisNotFoundError extends UnavailableError {
  override readonly name = 'RedisNotFoundError';
}

export const HOW_TO_GET_REDIS =
  'install Redis >= 6.2 (e.g. `apt-get install redis-server` or `brew install redis`) so `redis-server` is on the PATH, or set REDIS_URL to a running Redis';

/**
 * Uses REDIS_URL when something answers there; otherwise, when allowed and `redis-server` is on
 * the PATH, starts a private one (AOF on, files under dataDir) — the embedded default.
 */
export async function discoverRedis(opts: {
  readonly url: string;
  readonly embedded: boolean;
  readonly dataDir: string;
  readonly log: Logger;
}): Promise<DiscoveredRedis> {
  if (await redisAnswers(opts.url)) {
    const orphan = opts.embedded ? await adoptOrphan(opts.url, opts.dataDir) : undefined;
    if (orphan) {
      opts.log.info(
        { redis: orphan.url, dataDir: orphan.dataDir },
        'REDIS_URL is the private redis-server an earlier run left behind: using it, and stopping it on exit',
      );
      return { url: opts.url, launched: orphan };
    }
    opts.log.info({ redis: redactUrl(opts.url) }, 'using Redis at REDIS_URL');
    return { url: opts.url };
  }
  const binary = opts.embedded ? onPath('redis-server') : undefined;
  if (!binary) {
    throw new RedisNotFoundError(`no Redis answers at ${redactUrl(opts.url)}; ${HOW_TO_GET_REDIS}`);
  }
  const launched = await launchRedis({ dataDir: opts.dataDir, binary, ...(await localPort(opts.url)) });
  opts.log.info(
    { redis: launched.url, dataDir: launched.dataDir, binary },
    'nothing answered at REDIS_URL: started a private redis-server (AOF on); it stops when the service exits',
  );
  return { url: launched.url, launched };
}

/** REDIS_URL's own port when it names this machine and the port is free, so the private server is where the URL says. */
async function localPort(url: string): Promise<{ port?: number }> {
  try {
    const u = new URL(url);
    if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(u.hostname) || u.password || u.username) return {};
    const port = Number(u.port || 6379);
    return (await portIsFree(port)) ? { port } : {};
  } catch {
    return {};
  }
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable REDIS_URL)';
  }
}
