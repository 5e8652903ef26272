import { WebhookRepo } from '../../src/adapters/redis/webhook-repo';
import { referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, waitFor, type TestService } from '../support/service';
import { startReceiver, type ReceivedDelivery } from '../support/webhook-receiver';
import type { Server } from 'node:http';

const SECRET = 'a-webhook-secret-of-some-length';

/**
 * Issue 18, item 2 (SSRF), re-run the way it was found: the API with its worker on a private
 * redis-server, and a local listener standing in for an internal service. Plain http is allowed
 * here so that every refusal below is about the address, not the scheme; nothing is allow-listed.
 */
describe('SSRF: webhook targets that are not public are refused at registration and at delivery', () => {
  let redis: TestRedis;
  let svc: TestService;
  let listener: { server: Server; url: string; received: ReceivedDelivery[] };
  let port: string;

  beforeAll(async () => {
    redis = await startTestRedis();
    listener = await startReceiver();
    port = new URL(listener.url).port;
    svc = await startTestService({ redisUrl: redis.url, env: { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOWED_HOSTS: '' } });
  });

  afterAll(async () => {
    await svc?.stop();
    listener?.server.close();
    await redis?.stop();
  });

  const targets = (): string[] => [
    'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    'http://10.0.0.1',
    'localhost:6379',
    'http://localhost:6379/',
    `http://localhost:${port}/hook`,
    `http://127.0.0.1:${port}/hook`,
    `http://[::1]:${port}/hook`,
    `http://0.0.0.0:${port}/hook`,
    `http://2130706433:${port}/hook`,
    `http://0x7f.1:${port}/hook`,
    `http://017700000001:${port}/hook`,
    `http://[::ffff:127.0.0.1]:${port}/hook`,
    `http://[::ffff:10.0.0.1]/`,
    'http://100.64.0.1/',
    'http://[fd00::1]/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
  ];

  test('when a client registers each SSRF target, then each is refused with 400 naming body.url and the reason, and none is stored', async () => {
    const started = Date.now();
    for (const url of targets()) {
      const reply = await svc.call('POST', '/v1/webhooks', { key: svc.keys.admin, body: { url, secret: SECRET } });
      expect({ url, status: reply.status, code: reply.body?.error?.code, field: reply.body?.error?.details?.field }).toEqual({
        url,
        status: 400,
        code: 'validation_failed',
        field: 'body.url',
      });
      expect(typeof reply.body.error.details.reason).toBe('string');
    }
    const listed = await svc.call('GET', '/v1/webhooks', { key: svc.keys.admin });
    expect(listed.status).toBe(200);
    expect(listed.body.webhooks).toEqual([]);
    console.log(`ssrf: ${targets().length} targets refused with 400 in ${Date.now() - started} ms`);
  });

  test('when a webhook to the local listener was stored anyway (before the upgrade), then the worker refuses to POST to it', async () => {
    // Planted straight into Redis: no API check stands between it and the sender.
    const planted = await new WebhookRepo(svc.service.redis, svc.county).create({ url: listener.url, secret: SECRET, events: [] });
    expect((await putFixtureMediators(svc)).status).toBe(200);
    const posted = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: referrals(1, 'ssrf')[0] });
    expect(posted.status).toBe(202);

    const refused = await waitFor(async () => {
      const failed = await svc.service.queues.webhooks.getFailed();
      return failed.find((j) => j.data.webhookId === planted.id);
    }, 20_000);
    expect(refused.failedReason).toContain('webhook target refused: 127.0.0.1 (loopback)');
    expect(refused.attemptsMade).toBe(1);
    // Every event of the case went the same way, and the listener never heard from the worker.
    await new Promise((r) => setTimeout(r, 500));
    expect(listener.received).toEqual([]);
    const failed = (await svc.service.queues.webhooks.getFailed()).filter((j) => j.data.webhookId === planted.id);
    console.log(`ssrf: ${failed.length} deliveries to the planted loopback target refused, ${listener.received.length} POSTs received`);
  });

  test('when WEBHOOK_ALLOW_HTTP is not set, then even a public http target is refused: https only', async () => {
    const bare = await startTestService({ redisUrl: redis.url, worker: false });
    try {
      const reply = await bare.call('POST', '/v1/webhooks', {
        key: bare.keys.admin,
        body: { url: 'http://93.184.216.34/hook', secret: SECRET },
      });
      expect(reply.status).toBe(400);
      expect(reply.body.error.details).toMatchObject({ field: 'body.url', reason: expect.stringContaining('https') as string });
    } finally {
      await bare.stop();
    }
  });
});
