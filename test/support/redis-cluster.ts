import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchRedisCluster, type LaunchedRedisCluster } from '../../src/runtime/redis-cluster-launcher';

/** A private 6-node Redis Cluster (3 masters, 3 replicas) for one test file, removed by stop(). */
export interface TestRedisCluster extends LaunchedRedisCluster {
  readonly dataDir: string;
}

export async function startTestRedisCluster(
  options: { readonly nodeTimeoutMs?: number; readonly replicasPerMaster?: number } = {},
): Promise<TestRedisCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tiaojie-cluster-'));
  const cluster = await launchRedisCluster({
    dataDir,
    appendOnly: false,
    binary: process.env.REDIS_SERVER ?? 'redis-server',
    ...(options.nodeTimeoutMs === undefined ? {} : { nodeTimeoutMs: options.nodeTimeoutMs }),
    ...(options.replicasPerMaster === undefined ? {} : { replicasPerMaster: options.replicasPerMaster }),
  });
  return {
    ...cluster,
    dataDir,
    stop: async () => {
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
