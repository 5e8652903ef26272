/** The Redis a benchmark runs the service on: a private redis-server or a private 6-node Redis Cluster. */
import Redis, { Cluster } from 'ioredis';
import type { ConnectionOptions } from 'bullmq';
import { launchRedis } from '../../src/runtime/redis-launcher';
import { launchRedisCluster } from '../../src/runtime/redis-cluster-launcher';

export type RedisKind = 'single' | 'cluster';

export interface BenchRedis {
  readonly kind: RedisKind;
  /** REDIS_URL of the service (`redis://…` or `redis+cluster://…`). */
  readonly url: string;
  /** Each node's own redis:// URL (for INFO). */
  readonly nodeUrls: readonly string[];
  /** A client of this benchmark's own (reads, counts), cluster-aware. */
  readonly client: Redis | Cluster;
  /** The BullMQ connection for this benchmark's own Queue objects. */
  readonly bullConnection: ConnectionOptions;
  /** Cluster only: SIGKILLs the master that serves `key`'s slot; its port. */
  killMasterOf(key: string): Promise<number>;
  stop(): Promise<void>;
}

/** Starts the Redis of a benchmark under `dataDir`. */
export async function launchBenchRedis(kind: RedisKind, dataDir: string): Promise<BenchRedis> {
  if (kind === 'single') {
    const redis = await launchRedis({ dataDir, appendOnly: true });
    const client = new Redis(redis.url);
    return {
      kind,
      url: redis.url,
      nodeUrls: [redis.url],
      client,
      bullConnection: { url: redis.url, maxRetriesPerRequest: null },
      killMasterOf: () => Promise.reject(new Error('a single redis-server has no master to fail over')),
      stop: async () => {
        client.disconnect();
        await redis.stop();
      },
    };
  }
  const cluster = await launchRedisCluster({ dataDir });
  const seeds = cluster.nodes.map((n) => ({ host: '127.0.0.1', port: n.port }));
  const options = { redisOptions: { maxRetriesPerRequest: null }, clusterRetryStrategy: () => 200 };
  const client = new Cluster(seeds, options);
  const queueClient = new Cluster(seeds, options);
  return {
    kind,
    url: cluster.url,
    nodeUrls: cluster.nodes.map((n) => n.url),
    client,
    bullConnection: queueClient,
    killMasterOf: async (key) => {
      const slot = Number(await client.cluster('KEYSLOT', key));
      const ranges = await client.cluster('SLOTS');
      const range = ranges.find(([from, to]) => slot >= from && slot <= to);
      const port = range?.[2]?.[1];
      const node = cluster.nodes.find((n) => n.port === port);
      if (!node) throw new Error(`no launched node serves slot ${slot}`);
      process.kill(node.pid, 'SIGKILL');
      return node.port;
    },
    stop: async () => {
      client.disconnect();
      queueClient.disconnect();
      await cluster.stop();
    },
  };
}
