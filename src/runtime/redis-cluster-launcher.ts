import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { formatClusterUrl } from '../adapters/redis/redis-url';
import { freePort, launchRedis, type LaunchedRedis } from './redis-launcher';

const run = promisify(execFile);

/** A local Redis Cluster of private redis-server processes this process started and must stop. */
export interface LaunchedRedisCluster {
  /** `redis+cluster://127.0.0.1:p1,127.0.0.1:p2,…`: the REDIS_URL of the cluster. */
  readonly url: string;
  /** Every node, masters first as created (a failover may swap roles later). */
  readonly nodes: readonly LaunchedRedis[];
  /** Stops every node that still runs; the data dirs stay. */
  stop(): Promise<void>;
}

export interface ClusterLaunchOptions {
  /** Parent directory; node i keeps its AOF and nodes.conf under `node-<i>` (created if missing). */
  readonly dataDir: string;
  /** @defaultValue 3 */
  readonly masters?: number;
  /** @defaultValue 1 */
  readonly replicasPerMaster?: number;
  /** Port of node 0; node i listens on basePort + i. @defaultValue free ports chosen by the OS */
  readonly basePort?: number;
  /**
   * How long a master may stay silent before its replica takes over, ms (redis's
   * cluster-node-timeout; its own default of 15 s would mean 15 s of refused writes). @defaultValue 3000
   */
  readonly nodeTimeoutMs?: number;
  /** @defaultValue true */
  readonly appendOnly?: boolean;
  /** @defaultValue "redis-server" */
  readonly binary?: string;
  /** @defaultValue "redis-cli" */
  readonly cliBinary?: string;
  /** How long to wait for every slot to be served. @defaultValue 30000 */
  readonly readyTimeoutMs?: number;
}

async function nodePorts(count: number, basePort: number | undefined): Promise<number[]> {
  if (basePort !== undefined) return Array.from({ length: count }, (_, i) => basePort + i);
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  return ports;
}

/** `CLUSTER INFO` and `INFO replication` of one node as one record (`cluster_state`, `role`, `master_link_status`, …). */
async function nodeInfo(url: string): Promise<Readonly<Record<string, string>>> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await client.connect();
    const text = `${await client.cluster('INFO')}\n${await client.info('replication')}`;
    return Object.fromEntries(text.split(/\r?\n/).map((line) => line.split(':') as [string, string]));
  } finally {
    client.disconnect();
  }
}

/**
 * Every node reports all 16384 slots served and every replica has finished its first sync (a node
 * that cannot be asked counts as not ready): before that a write cannot reach a replica (WAIT 1).
 */
async function clusterReady(nodes: readonly LaunchedRedis[]): Promise<boolean> {
  for (const node of nodes) {
    const info = await nodeInfo(node.url).catch(() => undefined);
    if (info?.cluster_state !== 'ok' || info.cluster_slots_ok !== '16384') return false;
    if (info.role === 'slave' && info.master_link_status !== 'up') return false;
  }
  return true;
}

/** Waits until the cluster serves every slot on every node and its replicas are in sync. Startup infrastructure: plain Errors. */
export async function waitForCluster(nodes: readonly LaunchedRedis[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await clusterReady(nodes)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the Redis Cluster on ports ${nodes.map((n) => n.port).join(',')} did not serve every slot within ${timeoutMs} ms`);
}

/**
 * Starts a local Redis Cluster: `masters × (1 + replicasPerMaster)` private redis-server processes
 * with cluster mode on, joined by `redis-cli --cluster create`. Started again on the same dirs and
 * ports, the nodes find each other from their nodes.conf and nothing is created twice.
 */
export async function launchRedisCluster(options: ClusterLaunchOptions): Promise<LaunchedRedisCluster> {
  const masters = options.masters ?? 3;
  const count = masters * (1 + (options.replicasPerMaster ?? 1));
  const root = resolve(options.dataDir);
  const ports = await nodePorts(count, options.basePort);
  const dirs = ports.map((_, i) => join(root, `node-${i}`));
  const created = dirs.every((dir) => existsSync(join(dir, 'nodes.conf')));
  // A replica's first sync at once (redis waits 5 s for more replicas by default): the cluster is ready sooner.
  const extraArgs = ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--repl-diskless-sync-delay', '0'];
  extraArgs.push('--cluster-node-timeout', String(options.nodeTimeoutMs ?? 3000));
  const nodes: LaunchedRedis[] = [];
  const stop = async (): Promise<void> => void (await Promise.all(nodes.map((n) => n.stop())));
  try {
    for (const [i, port] of ports.entries()) {
      const dataDir = dirs[i] ?? root;
      nodes.push(await launchRedis({ dataDir, port, appendOnly: options.appendOnly ?? true, binary: options.binary, extraArgs }));
    }
    if (!created) {
      const hosts = nodes.map((n) => `127.0.0.1:${n.port}`);
      const replicas = String(options.replicasPerMaster ?? 1);
      await run(options.cliBinary ?? 'redis-cli', ['--cluster', 'create', ...hosts, '--cluster-replicas', replicas, '--cluster-yes']);
    }
    await waitForCluster(nodes, options.readyTimeoutMs ?? 30_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: formatClusterUrl(nodes.map((n) => ({ host: '127.0.0.1', port: n.port }))), nodes, stop };
}
