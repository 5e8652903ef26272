/** Redis's own counters (INFO), summed over the masters of a single server or a cluster, for per-referral costs. */
import Redis from 'ioredis';

/** The counters one benchmark phase is charged with, summed over masters. */
export interface RedisCounters {
  /** Commands executed (INFO commandstats, every command). */
  readonly commands: number;
  /** Per command name (e.g. `evalsha`, `hset`). */
  readonly byCommand: Readonly<Record<string, number>>;
  /** Bytes received from clients (INFO stats total_net_input_bytes). */
  readonly netInBytes: number;
  /** Bytes sent to clients (total_net_output_bytes). */
  readonly netOutBytes: number;
  /** Bytes sent to replicas (total_net_repl_output_bytes): the price of a replica per write. */
  readonly replOutBytes: number;
  /** CPU seconds of the servers (used_cpu_sys + used_cpu_user, main thread and children). */
  readonly cpuMs: number;
  /** Memory in use (INFO memory used_memory). */
  readonly usedMemory: number;
  /** Masters counted. */
  readonly masters: number;
}

function infoFields(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) m.set(line.slice(0, i), line.slice(i + 1));
  }
  return m;
}

/** One node's counters, or null when it is a replica (or down: a killed master counts no more). */
async function nodeCounters(url: string): Promise<RedisCounters | null> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await client.connect();
    const info = infoFields(await client.info('everything'));
    if (info.get('role') !== 'master') return null;
    const byCommand: Record<string, number> = {};
    let commands = 0;
    for (const [k, v] of info) {
      if (!k.startsWith('cmdstat_')) continue;
      const calls = Number(/calls=(\d+)/.exec(v)?.[1] ?? 0);
      byCommand[k.slice('cmdstat_'.length)] = calls;
      commands += calls;
    }
    const n = (k: string) => Number(info.get(k) ?? 0);
    return {
      commands,
      byCommand,
      netInBytes: n('total_net_input_bytes'),
      netOutBytes: n('total_net_output_bytes'),
      replOutBytes: n('total_net_repl_output_bytes'),
      cpuMs: (n('used_cpu_sys') + n('used_cpu_user')) * 1000,
      usedMemory: n('used_memory'),
      masters: 1,
    };
  } catch {
    return null;
  } finally {
    client.disconnect();
  }
}

/** The counters of every master among `nodeUrls` (each node's own redis:// URL), summed. */
export async function readCounters(nodeUrls: readonly string[]): Promise<RedisCounters> {
  const all = (await Promise.all(nodeUrls.map(nodeCounters))).filter((c): c is RedisCounters => c !== null);
  const byCommand: Record<string, number> = {};
  for (const c of all) for (const [k, v] of Object.entries(c.byCommand)) byCommand[k] = (byCommand[k] ?? 0) + v;
  const sum = (f: (c: RedisCounters) => number) => all.reduce((a, c) => a + f(c), 0);
  return {
    commands: sum((c) => c.commands),
    byCommand,
    netInBytes: sum((c) => c.netInBytes),
    netOutBytes: sum((c) => c.netOutBytes),
    replOutBytes: sum((c) => c.replOutBytes),
    cpuMs: sum((c) => c.cpuMs),
    usedMemory: sum((c) => c.usedMemory),
    masters: all.length,
  };
}

/** What happened between two readings (memory as a difference too). */
export function counterDelta(before: RedisCounters, after: RedisCounters): RedisCounters {
  const byCommand: Record<string, number> = {};
  for (const [k, v] of Object.entries(after.byCommand)) {
    const d = v - (before.byCommand[k] ?? 0);
    if (d > 0) byCommand[k] = d;
  }
  return {
    commands: after.commands - before.commands,
    byCommand,
    netInBytes: after.netInBytes - before.netInBytes,
    netOutBytes: after.netOutBytes - before.netOutBytes,
    replOutBytes: after.replOutBytes - before.replOutBytes,
    cpuMs: after.cpuMs - before.cpuMs,
    usedMemory: after.usedMemory - before.usedMemory,
    masters: after.masters,
  };
}
