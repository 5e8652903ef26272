import { startTestRedis, type TestRedis } from '../support/redis';
import { startTestService, type TestService } from '../support/service';
import { LOCAL_RECEIVER_ENV } from '../support/webhook-receiver';

describe('GET /v1/webhooks pages', () => {
  let redis: TestRedis;
  let svc: TestService;

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url, worker: false, env: LOCAL_RECEIVER_ENV });
  });
  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  const list = (query: string) => svc.call('GET', `/v1/webhooks${query}`, { key: svc.keys.admin });

  test('when 7 webhooks are listed 3 at a time, then the pages follow nextOffset, in id order, each once, and the last has none', async () => {
    const created: string[] = [];
    for (let i = 0; i < 7; i++) {
      const reply = await svc.call('POST', '/v1/webhooks', {
        key: svc.keys.admin,
        body: { url: `http://127.0.0.1:9/hook-${i}`, secret: 'a-webhook-secret-of-some-length' },
      });
      expect(reply.status).toBe(201);
      created.push(reply.body.id as string);
    }
    const seen: string[] = [];
    const sizes: number[] = [];
    let offset: number | null = 0;
    for (let page = 0; page < 10; page++) {
      const reply = await list(`?limit=3&offset=${offset}`);
      expect(reply.status).toBe(200);
      sizes.push(reply.body.webhooks.length as number);
      for (const w of reply.body.webhooks) {
        expect(w.secret).toBeUndefined();
        seen.push(w.id as string);
      }
      expect(reply.body.total).toBe(7);
      offset = reply.body.nextOffset as number | null;
      if (offset === null) break;
    }
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual([...created].sort());
    const all = await list('');
    expect(all.body.webhooks).toHaveLength(7); // default limit 100
    expect(all.body.nextOffset).toBeNull();
  });

  test('when limit is out of 1..1000, then 400 naming query.limit', async () => {
    for (const q of ['?limit=0', '?limit=1001', '?limit=x']) {
      const reply = await list(q);
      expect(reply.status).toBe(400);
      expect(reply.body.error.details.field).toBe('query.limit');
    }
    expect((await list('?limit=1000')).status).toBe(200);
  });
});
