import { Cluster } from 'ioredis';
import { ValidationError } from '../../../src/domain/errors';
import { loadConfig } from '../../../src/runtime/env';
import { redactUrl } from '../../../src/runtime/redact-url';
import { bullConnection, clusterOptions, releaseBullConnection } from '../../../src/adapters/redis/redis-connection';
import { isRedisUnavailable } from '../../../src/adapters/redis/redis-faults';
import { discoverRedis, RedisNotFoundError } from '../../../src/runtime/redis-discovery';
import { freePort } from '../../../src/runtime/redis-launcher';
import pino from 'pino';

const CLUSTER_URL = 'redis+cluster://127.0.0.1:7000,127.0.0.1:7001';

describe('a Redis Cluster REDIS_URL in the configuration', () => {
  test('when REDIS_URL is neither form, then the start is refused naming REDIS_URL', () => {
    expect(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(ValidationError);
    expect(() => loadConfig({ REDIS_URL: 'redis+cluster://127.0.0.1' })).toThrow(/REDIS_URL/);
  });

  test('when REDIS_URL names a cluster, then the queue prefix defaults to {bull} and intake waits for one replica', () => {
    const config = loadConfig({ REDIS_URL: CLUSTER_URL });
    expect(config.QUEUE_PREFIX).toBe('{bull}');
    expect(config.REDIS_ACK_REPLICAS).toBe(1);
    expect(loadConfig({ REDIS_URL: CLUSTER_URL, QUEUE_PREFIX: 'tj{q}', REDIS_ACK_REPLICAS: '2' })).toMatchObject({
      QUEUE_PREFIX: 'tj{q}',
      REDIS_ACK_REPLICAS: 2,
    });
  });

  test('when REDIS_URL names one server, then the prefix stays bull and intake does not wait', () => {
    expect(loadConfig({})).toMatchObject({ QUEUE_PREFIX: 'bull', REDIS_ACK_REPLICAS: 0, REDIS_ACK_TIMEOUT_MS: 500 });
  });

  test('when a cluster is given a queue prefix without a hash tag, then the start is refused naming QUEUE_PREFIX', () => {
    for (const prefix of ['bull', 'tj{}', 'tj{q']) {
      expect(() => loadConfig({ REDIS_URL: CLUSTER_URL, QUEUE_PREFIX: prefix })).toThrow(/QUEUE_PREFIX/);
    }
  });

  test('when no node of a cluster URL answers, then the start fails saying so and no private redis-server is started', async () => {
    const url = `redis+cluster://127.0.0.1:${await freePort()}`;
    const found = discoverRedis({ url, embedded: true, dataDir: '/nonexistent', log: pino({ level: 'silent' }) });
    await expect(found).rejects.toThrow(RedisNotFoundError);
    await expect(found).rejects.toThrow(/not started for a cluster/);
  });

  test('when a cluster URL carries a password, then logs see it redacted', () => {
    expect(redactUrl('redis+cluster://app:s3cret@10.0.0.1:7000,10.0.0.2:7000', 'REDIS_URL')).toBe(
      'redis+cluster://app:***@10.0.0.1:7000,10.0.0.2:7000',
    );
    expect(redactUrl(CLUSTER_URL, 'REDIS_URL')).toBe(CLUSTER_URL);
  });
});

describe('ioredis Cluster options from the store options', () => {
  test('when options are split, then queueing and reconnection go to the cluster and timeouts and credentials to every node', () => {
    const retry = (): number => 1;
    const options = clusterOptions(
      { kind: 'cluster', nodes: [{ host: 'h', port: 1 }], username: 'u', password: 'p', tls: true },
      { enableOfflineQueue: false, retryStrategy: retry, commandTimeout: 800, maxRetriesPerRequest: 0 },
    );
    expect(options).toMatchObject({ enableOfflineQueue: false, clusterRetryStrategy: retry });
    expect(options.redisOptions).toEqual({ commandTimeout: 800, maxRetriesPerRequest: 0, username: 'u', password: 'p', tls: {} });
    // Unset options keep ioredis's defaults (an explicit undefined would turn the offline queue off).
    expect('enableOfflineQueue' in clusterOptions({ kind: 'cluster', nodes: [], tls: false }, {})).toBe(false);
  });

  test("when BullMQ's connection is asked for a cluster, then it is a Cluster client that never gives up a blocking read", () => {
    const connection = bullConnection(CLUSTER_URL);
    try {
      expect(connection).toBeInstanceOf(Cluster);
      expect((connection as Cluster).options.redisOptions?.maxRetriesPerRequest).toBeNull();
    } finally {
      releaseBullConnection(connection);
    }
    expect(bullConnection('redis://127.0.0.1:6379')).toMatchObject({ url: 'redis://127.0.0.1:6379', maxRetriesPerRequest: null });
  });

  test('when a cluster is failing over, then its errors mean Redis is unavailable (503), not a bug', () => {
    expect(isRedisUnavailable(new Error('CLUSTERDOWN The cluster is down'))).toBe(true);
    expect(isRedisUnavailable(new Error("Cluster isn't ready and enableOfflineQueue options is false"))).toBe(true);
    expect(isRedisUnavailable(new Error('Too many Cluster redirections. Last error: Error: Connection is closed.'))).toBe(true);
    expect(isRedisUnavailable(new Error('ERR wrong number of arguments'))).toBe(false);
  });
});
