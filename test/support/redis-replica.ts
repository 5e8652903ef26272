import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { launchRedis, type LaunchedRedis } from '../../src/runtime/redis-launcher';

/** A private redis-server and one replica of it (`--replicaof`), the replica stoppable on its own. */
export interface RedisWithReplica {
  /** The master's URL. */
  readonly url: string;
  /** Stops the replica (SIGTERM): the master's writes then reach no replica. */
  stopReplica(): Promise<void>;
  /** Starts it again (a fresh one, synced from the master); resolves once it is online. */
  startReplica(): Promise<void>;
  stop(): Promise<void>;
}

/** Resolves once the master counts `n` replicas online. */
async function replicasOnline(url: string, n: number, timeoutMs = 15_000): Promise<void> {
  const client = new Redis(url);
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const info = await client.info('replication');
      if ((info.match(/state=online/g) ?? []).length >= n) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no ${n} replica(s) online at ${url} within ${timeoutMs} ms`);
  } finally {
    client.disconnect();
  }
}

/** Starts a master and one replica following it; resolves once the replica is in sync. */
export async function startRedisWithReplica(): Promise<RedisWithReplica> {
  const binary = process.env.REDIS_SERVER ?? 'redis-server';
  const dirs = [mkdtempSync(join(tmpdir(), 'tiaojie-master-')), mkdtempSync(join(tmpdir(), 'tiaojie-replica-'))] as const;
  const master = await launchRedis({ dataDir: dirs[0], appendOnly: false, binary });
  const follow = async (): Promise<LaunchedRedis> => {
    const launched = await launchRedis({
      dataDir: dirs[1],
      appendOnly: false,
      binary,
      extraArgs: ['--replicaof', '127.0.0.1', String(master.port)],
    });
    await replicasOnline(master.url, 1);
    return launched;
  };
  let replica: LaunchedRedis | undefined = await follow();
  return {
    url: master.url,
    stopReplica: async () => {
      await replica?.stop();
      replica = undefined;
    },
    startReplica: async () => {
      replica ??= await follow();
    },
    stop: async () => {
      await replica?.stop();
      await master.stop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}
