import pino from 'pino';
import { createRedis, type TiaojieRedis } from '../adapters/redis/redis-connection';
import { writeAckOf, type Config } from '../runtime/env';
import { discoverRedis, RedisNotFoundError } from '../runtime/redis-discovery';
import { InputError } from './exit-codes';

/**
 * Runs `work` against the Redis the service uses (REDIS_URL, or the private redis-server of
 * DATA_DIR, started for the command and stopped after when none runs), then closes it.
 */
export async function withServiceRedis<T>(config: Config, work: (redis: TiaojieRedis) => Promise<T>): Promise<T> {
  let discovered;
  try {
    discovered = await discoverRedis({
      url: config.REDIS_URL,
      embedded: config.REDIS_EMBEDDED,
      dataDir: config.DATA_DIR,
      log: pino({ level: 'silent' }),
    });
  } catch (err) {
    if (err instanceof RedisNotFoundError) throw new InputError(err.message);
    throw err;
  }
  const redis = createRedis(discovered.url, {}, writeAckOf(config));
  try {
    return await work(redis);
  } finally {
    await redis.quit().catch(() => redis.disconnect());
    await discovered.launched?.stop();
  }
}
