/** One node of a Redis Cluster, as REDIS_URL names it. */
export interface RedisNodeAddress {
  readonly host: string;
  readonly port: number;
}

/** What a REDIS_URL names: one server, or the seed nodes of a Redis Cluster. */
export type RedisTarget =
  | { readonly kind: 'single'; readonly url: string }
  | {
      readonly kind: 'cluster';
      readonly nodes: readonly RedisNodeAddress[];
      readonly username?: string;
      readonly password?: string;
      /** `rediss+cluster:`: TLS to every node. */
      readonly tls: boolean;
    };

const CLUSTER_SCHEME = /^(rediss?)\+cluster:\/\/(?:([^@/]*)@)?([^/?#]+)\/?$/;

/** `redis+cluster://h1:p1,h2:p2,…`: the REDIS_URL of a cluster, from its seed nodes. */
export function formatClusterUrl(nodes: readonly RedisNodeAddress[]): string {
  return `redis+cluster://${nodes.map((n) => `${n.host}:${n.port}`).join(',')}`;
}

function nodeAddress(text: string): RedisNodeAddress | string {
  const match = /^(\[[^\]]+\]|[^:,]+):(\d{1,5})$/.exec(text);
  const port = Number(match?.[2]);
  if (!match?.[1] || !Number.isInteger(port) || port < 1 || port > 65535) return `"${text}" is not host:port`;
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

/**
 * Reads a REDIS_URL: `redis://…` / `rediss://…` (one server) or `redis+cluster://[user:password@]h1:p1,h2:p2,…`
 * (a cluster, any of its nodes as seeds). A reason string when it is neither.
 */
export function parseRedisUrl(url: string): RedisTarget | { readonly error: string } {
  const cluster = CLUSTER_SCHEME.exec(url);
  if (!cluster) {
    if (/^rediss?:\/\//.test(url) && URL.canParse(url)) return { kind: 'single', url };
    return { error: 'must be redis://host:port, rediss://host:port or redis+cluster://host:port,host:port,…' };
  }
  const nodes: RedisNodeAddress[] = [];
  for (const part of (cluster[3] ?? '').split(',')) {
    const address = nodeAddress(part.trim());
    if (typeof address === 'string') return { error: `cluster node ${address}` };
    nodes.push(address);
  }
  const [user, password] = (cluster[2] ?? '').split(':', 2).map((s) => decodeURIComponent(s));
  return {
    kind: 'cluster',
    nodes,
    ...(user ? { username: user } : {}),
    ...(password ? { password } : {}),
    tls: cluster[1] === 'rediss',
  };
}
