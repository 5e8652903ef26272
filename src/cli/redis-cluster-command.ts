import { launchRedisCluster } from '../runtime/redis-cluster-launcher';
import { numberFlag, parseArgs, UsageError } from './args';
import { EXIT } from './exit-codes';

export interface RedisClusterIo {
  /** @defaultValue process.stdout */
  readonly out?: (text: string) => void;
  /** Resolves when the cluster should stop. @defaultValue SIGINT or SIGTERM */
  readonly until?: Promise<void>;
}

function signalled(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/**
 * `tiaojie redis-cluster [--dir DIR] [--port P] [--node-timeout MS]`: a local Redis Cluster of six
 * private redis-server processes (3 masters, 3 replicas) in the foreground; prints its REDIS_URL
 * and stops the nodes on Ctrl-C. Started again on the same dir, the cluster comes back as it was.
 */
export async function runRedisClusterCommand(argv: readonly string[], io: RedisClusterIo = {}): Promise<number> {
  const args = parseArgs(argv, ['dir', 'port', 'node-timeout']);
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const basePort = args.flags.has('port') ? numberFlag(args, 'port', 7000) : undefined;
  if (basePort !== undefined && (!Number.isInteger(basePort) || basePort + 5 > 65535))
    throw new UsageError(`--port must be a whole port number with five free ports after it, got "${args.flags.get('port')}"`);
  const cluster = await launchRedisCluster({
    dataDir: args.flags.get('dir') ?? 'data/redis-cluster',
    nodeTimeoutMs: numberFlag(args, 'node-timeout', 3000),
    ...(basePort === undefined ? {} : { basePort }),
  });
  const out = io.out ?? ((t: string) => void process.stdout.write(t));
  out(`Redis Cluster ready: 3 masters, 3 replicas\nREDIS_URL=${cluster.url}\n(Ctrl-C stops the nodes; their data stays)\n`);
  await (io.until ?? signalled());
  await cluster.stop();
  return EXIT.ok;
}
