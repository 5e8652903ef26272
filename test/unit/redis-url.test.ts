import { formatClusterUrl, parseRedisUrl } from '../../src/adapters/redis/redis-url';

describe('REDIS_URL: one server or a cluster', () => {
  it('when the URL is redis:// or rediss://, then it names one server', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6379')).toEqual({ kind: 'single', url: 'redis://127.0.0.1:6379' });
    expect(parseRedisUrl('rediss://u:p@host:6380/2')).toEqual({ kind: 'single', url: 'rediss://u:p@host:6380/2' });
  });

  it('when the URL is redis+cluster://, then every seed node, the credentials and TLS are read', () => {
    expect(parseRedisUrl('redis+cluster://127.0.0.1:7000,127.0.0.1:7001')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '127.0.0.1', port: 7000 },
        { host: '127.0.0.1', port: 7001 },
      ],
      tls: false,
    });
    expect(parseRedisUrl('rediss+cluster://admin:s%40cret@a.example:7000,[::1]:7001')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'a.example', port: 7000 },
        { host: '::1', port: 7001 },
      ],
      username: 'admin',
      password: 's@cret',
      tls: true,
    });
    expect(
      formatClusterUrl([
        { host: 'h', port: 1 },
        { host: 'k', port: 2 },
      ]),
    ).toBe('redis+cluster://h:1,k:2');
  });

  it('when a node has no port, a port out of range, or the scheme is unknown, then the reason says which', () => {
    expect(parseRedisUrl('redis+cluster://127.0.0.1')).toEqual({ error: 'cluster node "127.0.0.1" is not host:port' });
    expect(parseRedisUrl('redis+cluster://h:7000,h:70000')).toEqual({ error: 'cluster node "h:70000" is not host:port' });
    expect(parseRedisUrl('http://h:1')).toHaveProperty('error');
  });
});
