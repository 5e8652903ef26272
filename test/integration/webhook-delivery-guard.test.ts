import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Queue, type Job, type Worker } from 'bullmq';
import pino from 'pino';
import { WEBHOOKS_QUEUE } from '../../src/adapters/queue/names';
import { enqueueWebhookDeliveries } from '../../src/adapters/queue/queues';
import type { WebhookJob } from '../../src/adapters/queue/job-schemas';
import { countyKeys } from '../../src/adapters/redis/keys';
import { bullConnection, createRedis, type TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { WebhookRepo } from '../../src/adapters/redis/webhook-repo';
import { startWebhookSender, type DeliveryResult } from '../../src/adapters/webhooks/webhook-sender';
import { EMPTY_ALLOW_LIST, parseAllowList } from '../../src/domain/network-address';
import type { WebhookTargetPolicy } from '../../src/domain/webhook-target';
import { checkedWebhookRegistry } from '../../src/use-cases/webhooks/checked-webhook-registry';
import type { HostResolver } from '../../src/use-cases/webhooks/webhook-target-check';
import { startTestRedis, uniqueCounty, type TestRedis } from '../support/redis';
import { startReceiver, type ReceivedDelivery } from '../support/webhook-receiver';
import { waitFor } from '../support/service';

/** A listener that answers every request with a redirect to `location`, counting what it got. */
function startRedirector(location: string): Promise<{ server: Server; url: string; hits: number[] }> {
  const hits: number[] = [];
  const server = createServer((req, res) => {
    hits.push(Date.now());
    req.resume();
    res.writeHead(302, { location }).end();
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, hits })),
  );
}

const allowing = (raw: string): WebhookTargetPolicy => {
  const parsed = parseAllowList(raw);
  if (!('list' in parsed)) throw new Error(parsed.error);
  return { allowHttp: true, allowList: parsed.list };
};
const publicOnly: WebhookTargetPolicy = { allowHttp: true, allowList: EMPTY_ALLOW_LIST };
const resolvesTo =
  (address: string): HostResolver =>
  () =>
    Promise.resolve([address]);

describe('webhook delivery: the target is checked again on the address actually connected to', () => {
  let testRedis: TestRedis;
  let redis: TiaojieRedis;
  let receiver: { server: Server; url: string; received: ReceivedDelivery[] };
  const started: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    testRedis = await startTestRedis();
    redis = createRedis(testRedis.url);
    receiver = await startReceiver();
  });
  afterEach(async () => {
    for (const s of started.splice(0)) await s.close();
  });
  afterAll(async () => {
    receiver.server.closeAllConnections();
    receiver.server.close();
    redis.disconnect();
    await testRedis.stop();
  });

  /** A county with one event in its stream, a sender with `policy` and `resolve`, and a queue feeding it. */
  async function setUp(policy: WebhookTargetPolicy, resolve: HostResolver) {
    const county = uniqueCounty('wh');
    const prefix = `q${randomUUID().slice(0, 8)}`;
    const eventId = await redis.xadd(countyKeys(county).events, '*', 'type', 'case.assigned', 'data', JSON.stringify({ caseId: 'c-1' }));
    const queue = new Queue<WebhookJob>(WEBHOOKS_QUEUE, { connection: bullConnection(testRedis.url), prefix });
    const sender: Worker<WebhookJob, DeliveryResult> = startWebhookSender({
      redis,
      connection: bullConnection(testRedis.url),
      log: pino({ level: 'silent' }),
      prefix,
      policy,
      resolve,
    });
    const failures: { job: Job<WebhookJob> | undefined; message: string }[] = [];
    sender.on('failed', (job, err) => failures.push({ job, message: err.message }));
    started.push(sender, queue);
    const send = async (webhookId: string) => {
      await enqueueWebhookDeliveries(queue, [{ county, webhookId, eventId: eventId ?? '' }]);
    };
    return { county, queue, send, failures };
  }

  test('when DNS answers a public address at registration and 127.0.0.1 at delivery, then nothing is sent and the job fails once, saying why', async () => {
    const { county, queue, send, failures } = await setUp(publicOnly, resolvesTo('127.0.0.1'));
    const port = new URL(receiver.url).port;
    const url = `http://rebind.example.org:${port}/hook`;
    // Registration sees a public address, so it is accepted…
    const registry = checkedWebhookRegistry(new WebhookRepo(redis, county), publicOnly, resolvesTo('93.184.216.34'));
    const hook = await registry.create({ url, secret: 'a-webhook-secret-of-some-length', events: [] });
    const before = receiver.received.length;
    // …but by delivery time the name points at the loopback, where the receiver listens.
    await send(hook.id);
    const failure = await waitFor(() => failures[0], 10_000);
    expect(failure.message).toMatch(/webhook target refused: rebind\.example\.org resolves to 127\.0\.0\.1 \(loopback\)/);
    const job = failure.job;
    if (!job?.id) throw new Error('the failed job is missing');
    expect(await queue.getJobState(job.id)).toBe('failed'); // for good: no retry
    expect((await queue.getJob(job.id))?.attemptsMade).toBe(1);
    expect(receiver.received.length).toBe(before);
  });

  test('when the allow-list admits 127.0.0.1, then the same stubbed name is delivered to the receiver (the socket used the checked address)', async () => {
    const policy = allowing('127.0.0.1');
    const { county, send } = await setUp(policy, resolvesTo('127.0.0.1'));
    const port = new URL(receiver.url).port;
    const hook = await new WebhookRepo(redis, county).create({
      url: `http://rebind.example.org:${port}/hook`,
      secret: 'a-webhook-secret-of-some-length',
      events: [],
    });
    const before = receiver.received.length;
    await send(hook.id);
    const delivery = await waitFor(() => receiver.received[before], 10_000);
    expect(delivery.headers['x-tiaojie-event']).toBe('case.assigned');
    expect(delivery.headers.host).toBe(`rebind.example.org:${port}`);
  });

  test('when a webhook stored before the upgrade points at a private literal, then delivery refuses it', async () => {
    const { county, send, failures } = await setUp(publicOnly, resolvesTo('93.184.216.34'));
    const hook = await new WebhookRepo(redis, county).create({ url: receiver.url, secret: 'a-webhook-secret-of-some-length', events: [] });
    const before = receiver.received.length;
    await send(hook.id);
    const failure = await waitFor(() => failures[0], 10_000);
    expect(failure.message).toContain('webhook target refused: 127.0.0.1 (loopback)');
    expect(receiver.received.length).toBe(before);
  });

  test('when the target answers 302, then the redirect is not followed and the delivery counts as failed', async () => {
    const { county, send, failures } = await setUp(allowing('127.0.0.1'), resolvesTo('127.0.0.1'));
    const redirector = await startRedirector(receiver.url);
    try {
      const hook = await new WebhookRepo(redis, county).create({
        url: redirector.url,
        secret: 'a-webhook-secret-of-some-length',
        events: [],
      });
      const before = receiver.received.length;
      await send(hook.id);
      const failure = await waitFor(() => failures[0], 10_000);
      expect(failure.message).toBe('webhook answered HTTP 302; redirects are not followed');
      expect(redirector.hits.length).toBeGreaterThanOrEqual(1);
      expect(receiver.received.length).toBe(before);
    } finally {
      redirector.server.closeAllConnections();
      redirector.server.close();
    }
  });
});
