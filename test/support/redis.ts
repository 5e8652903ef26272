import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { launchRedis, type LaunchedRedis } from '../../src/runtime/redis-launcher';
import { startTestRedisCluster } from './redis-cluster';

/** A Redis for one test file: REDIS_URL when set (shared, so isolate by prefix), else a private server. */
export interface TestRedis {
  readonly url: string;
  stop(): Promise<void>;
}

/** True when this run's tests use a Redis Cluster (TIAOJIE_TEST_REDIS=cluster, the jest project `cluster`). */
export const onTestCluster = (): boolean => process.env.TIAOJIE_TEST_REDIS === 'cluster';

/**
 * TIAOJIE_TEST_REDIS=cluster: a private 6-node Redis Cluster (its `redis+cluster://` URL) instead of
 * one server, so the same suite runs on both (jest.config.js, project `cluster`).
 */
export async function startTestRedis(): Promise<TestRedis> {
  if (process.env.TEST_REDIS_URL) return { url: process.env.TEST_REDIS_URL, stop: () => Promise.resolve() };
  if (onTestCluster()) return startTestRedisCluster();
  const dir = mkdtempSync(join(tmpdir(), 'tiaojie-redis-'));
  const redis = await launchRedis({ dataDir: dir, appendOnly: false, binary: process.env.REDIS_SERVER ?? 'redis-server' });
  return {
    url: redis.url,
    stop: async () => {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A private redis-server that can be stopped and started again on the same port and data dir (AOF on). */
export interface RestartableRedis extends TestRedis {
  /** Stops the server (SIGTERM: it writes its AOF); the data dir stays. */
  down(): Promise<void>;
  /** Starts it again on the same port and dir; resolves once it answers PING. */
  up(): Promise<void>;
  /** SIGSTOP / SIGCONT: the server keeps its connections but stops answering (a frozen host, a partition). */
  freeze(): void;
  thaw(): void;
}

/** A private server only (never TEST_REDIS_URL: a test must not stop a shared Redis). */
export async function startRestartableRedis(): Promise<RestartableRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'tiaojie-redis-'));
  const binary = process.env.REDIS_SERVER ?? 'redis-server';
  let server: LaunchedRedis | undefined = await launchRedis({ dataDir: dir, appendOnly: true, binary });
  const { url, port } = server;
  return {
    url,
    down: async () => {
      await server?.stop();
      server = undefined;
    },
    up: async () => {
      server ??= await launchRedis({ dataDir: dir, port, appendOnly: true, binary });
    },
    freeze: () => void process.kill(serverPid(dir), 'SIGSTOP'),
    thaw: () => void process.kill(serverPid(dir), 'SIGCONT'),
    stop: async () => {
      await server?.stop();
      server = undefined;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The pid of the redis-server of `dir`, from the pid file the launcher has it write. */
function serverPid(dir: string): number {
  const pid = Number(readFileSync(join(dir, 'redis-server.pid'), 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no redis-server pid in ${dir}`);
  return pid;
}

/** A county id no other test uses, so tests never see each other's keys. */
export function uniqueCounty(label = 't'): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

// One state's count from BullMQ's getJobCounts: one definition, the benchmarks' (they count the same queue).
export { jobCount } from '../../benchmarks/lib/service-process';
