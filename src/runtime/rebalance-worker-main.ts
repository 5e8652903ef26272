import { startRebalanceWorker } from '../adapters/queue/rebalance-processor';
import { throttled } from '../domain/throttle';
import { loadConfig, rebalanceSettingsOf, writeAckOf } from './env';
import { createLogger } from './logger';
import { discoverRedis } from './redis-discovery';
import { bullConnection, createRedis, releaseBullConnection } from '../adapters/redis/redis-connection';

/**
 * The rebalance worker alone — upserts each county's nightly scheduler (REBALANCE_COUNTIES,
 * REBALANCE_CRON, REBALANCE_TZ; see docs/configuration.md) and runs rebalance jobs until
 * SIGTERM/SIGINT. Any number of replicas may run: the schedulers collapse into one per county and
 * the county lock keeps runs apart.
 */
export async function rebalanceWorkerMain(): Promise<number> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const discovered = await discoverRedis({ url: config.REDIS_URL, embedded: false, dataDir: config.DATA_DIR, log });
  const redis = createRedis(discovered.url, {}, writeAckOf(config));
  redis.on(
    'error',
    throttled(30_000, (repeated, err: Error) => log.warn({ err: err.message, repeated }, 'redis connection error')),
  );
  const connection = bullConnection(discovered.url);
  const worker = await startRebalanceWorker({
    redis,
    connection,
    prefix: config.QUEUE_PREFIX,
    log,
    settings: rebalanceSettingsOf(config),
    eventsMaxLen: config.EVENTS_MAX_LEN,
  });
  log.info('rebalance worker running');
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  log.info({ signal }, 'rebalance worker stopping');
  await worker.close();
  await redis.quit().catch(() => undefined);
  releaseBullConnection(connection);
  return 0;
}
