import Redis from 'ioredis';
import { referrals } from '../support/county-fixture';
import { startRestartableRedis, type RestartableRedis } from '../support/redis';
import { startTestService, waitFor, type TestService } from '../support/service';
import { openSse, type SseClient } from '../support/sse';
import type { ServiceEvent } from '../../src/adapters/redis/events';

const PER_COUNTY = 60;
const TOTAL = 65;

describe('when many SSE clients follow the events', () => {
  let redis: RestartableRedis;
  let svc: TestService;
  let admin: Redis;
  const streams: SseClient<ServiceEvent>[] = [];

  /** Connections the private Redis holds now (CLIENT LIST), not counting the one asking. */
  const clients = async (): Promise<number> =>
    String(await admin.client('LIST'))
      .trim()
      .split('\n').length - 1;
  const open = async (key: string, headers: Record<string, string> = {}): Promise<SseClient<ServiceEvent>> => {
    const sse = openSse(`${svc.url}/v1/events`, key, headers);
    streams.push(sse);
    await sse.ready;
    return sse;
  };

  beforeAll(async () => {
    redis = await startRestartableRedis();
    admin = new Redis(redis.url);
    // No worker: its connections come and go; the API's alone make the count steady.
    svc = await startTestService({
      redisUrl: redis.url,
      worker: false,
      env: { SSE_MAX_PER_COUNTY: String(PER_COUNTY), SSE_MAX_TOTAL: String(TOTAL) },
    });
    // The first referral opens the connection intake counts the county's fair share with
    // (IntakeShare, made at the first count): open it now so the counts below see SSE's alone.
    const [warmUp] = referrals(1, 'warm-up');
    expect((await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: warmUp })).status).toBe(202);
  });

  afterAll(async () => {
    for (const s of streams) s.close();
    await svc?.stop();
    admin?.disconnect();
    await redis?.stop();
  });

  test('then they share one Redis subscription, the caps answer 503, and an event reaches every stream', async () => {
    const idle = await clients();
    await open(svc.keys.viewer);
    const withOne = await clients();
    for (let i = 1; i < 50; i++) await open(i % 2 ? svc.keys.viewer : svc.keys.dispatcher);
    const withFifty = await clients();
    console.log(`Redis clients: ${idle} idle, ${withOne} with 1 stream, ${withFifty} with 50 streams`);
    expect(withOne).toBe(idle + 1);
    expect(withFifty).toBe(withOne);

    while (streams.length < PER_COUNTY) await open(svc.keys.viewer);
    const overCounty = await svc.call('GET', '/v1/events', { key: svc.keys.viewer });
    expect(overCounty.status).toBe(503);
    expect(overCounty.body.error).toMatchObject({ code: 'too_many_streams', details: { scope: 'county', limit: PER_COUNTY } });
    expect(overCounty.headers.get('retry-after')).toBe('5');

    // Another county's streams count towards the process total only.
    const other: SseClient<ServiceEvent>[] = [];
    for (let i = PER_COUNTY; i < TOTAL; i++) other.push(await open(svc.keys.otherCounty));
    const overTotal = await svc.call('GET', '/v1/events', { key: svc.keys.otherCounty });
    expect(overTotal.status).toBe(503);
    expect(overTotal.body.error).toMatchObject({ code: 'too_many_streams', details: { scope: 'total', limit: TOTAL } });
    expect(await clients()).toBe(withOne); // two counties, still one blocking read

    const [referral] = referrals(1, 'fanout');
    const posted = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: referral });
    expect(posted.status).toBe(202);
    const caseId = posted.body.cases[0].caseId as string;
    const countyStreams = streams.filter((s) => !other.includes(s));
    const got = await Promise.all(countyStreams.map((s) => s.next((e) => e.data.data.caseId === caseId, 10_000)));
    expect(got).toHaveLength(PER_COUNTY);
    for (const e of got) expect(e.event).toBe('case.referred');
    // Counties are kept apart: the other county's streams saw nothing of it.
    for (const s of other) expect(s.events.some((e) => e.data.data.caseId === caseId)).toBe(false);

    // A closed stream frees its place; a client resuming with Last-Event-ID gets exactly what it missed.
    const first = countyStreams[0]!;
    first.close();
    const seen = got[0]!;
    const [missed] = referrals(1, 'missed');
    const second = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: missed });
    const missedId = second.body.cases[0].caseId as string;
    const resumed = await waitFor(async () => {
      const s = openSse(`${svc.url}/v1/events`, svc.keys.viewer, { 'last-event-id': seen.id! });
      try {
        await s.ready;
        streams.push(s);
        return s;
      } catch {
        return undefined; // the closed stream's place is freed when the server sees it close
      }
    }, 5000);
    const replayed = await resumed.next((e) => e.data.data.caseId === missedId, 10_000);
    expect(resumed.events.map((e) => e.id)).toEqual([replayed.id]);

    // All closed: the shared read's connection goes too.
    for (const s of streams) s.close();
    await waitFor(async () => ((await clients()) === idle ? true : undefined), 5000);
  }, 60_000);
});
