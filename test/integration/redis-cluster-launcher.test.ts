import Redis, { Cluster } from 'ioredis';
import { parseRedisUrl } from '../../src/adapters/redis/redis-url';
import { startTestRedisCluster, type TestRedisCluster } from '../support/redis-cluster';

async function roleOf(url: string): Promise<unknown> {
  const node = new Redis(url);
  try {
    return (await node.role())[0];
  } finally {
    node.disconnect();
  }
}

describe('a local Redis Cluster: 6 private redis-server processes joined by redis-cli --cluster create', () => {
  let cluster: TestRedisCluster;
  beforeAll(async () => void (cluster = await startTestRedisCluster()), 60_000);
  afterAll(() => cluster?.stop());

  it('when started, then every slot is served, three masters each have a replica, and the URL names all six nodes', async () => {
    const target = parseRedisUrl(cluster.url);
    if (!('kind' in target) || target.kind !== 'cluster') throw new Error(`not a cluster URL: ${cluster.url}`);
    expect(target.nodes.map((n) => n.port)).toEqual(cluster.nodes.map((n) => n.port));
    const client = new Cluster(target.nodes.map((n) => ({ host: n.host, port: n.port })));
    try {
      await new Promise((resolve) => client.once('ready', resolve));
      const roles = await Promise.all(cluster.nodes.map((node) => roleOf(node.url)));
      expect(roles.filter((r) => r === 'master')).toHaveLength(3);
      expect(roles.filter((r) => r === 'slave')).toHaveLength(3);
      // Keys of one county share a slot (hash tag); keys of different counties spread over the masters.
      for (let i = 0; i < 30; i++) await client.set(`tj:{county-${i}}:probe`, String(i));
      const counts = await Promise.all(client.nodes('master').map((node) => node.dbsize()));
      expect(counts.every((n) => n > 0)).toBe(true);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(30);
    } finally {
      client.disconnect();
    }
  });
});
