import { countyKeys } from '../../src/adapters/redis/keys';
import { createRedis, type TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import type { Referral } from '../../src/domain';
import { residentIdCheckChar } from '../../src/domain/party-identifier';
import { referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, waitFor, type TestService } from '../support/service';

const PHONE = '13912345678';
const ID_17 = '44030419900307123';
const RESIDENT_ID = ID_17 + residentIdCheckChar(ID_17);
/** Every value that must never reach Redis, in any form the tests send it. */
const FORBIDDEN = [PHONE, RESIDENT_ID, '15887654321', '13698765432', '18600001111'];

/** Every key name and every value in the private redis-server, as text (strings, hashes, sets, zsets, lists, streams). */
async function dumpRedis(client: TiaojieRedis): Promise<string> {
  const parts: string[] = [];
  let cursor = '0';
  let rounds = 0;
  do {
    const [next, keys] = await client.scan(cursor, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      parts.push(key);
      const type = await client.type(key);
      if (type === 'string') parts.push((await client.get(key)) ?? '');
      else if (type === 'hash') parts.push(JSON.stringify(await client.hgetall(key)));
      else if (type === 'set') parts.push(JSON.stringify(await client.smembers(key)));
      else if (type === 'zset') parts.push(JSON.stringify(await client.zrange(key, '0', '-1')));
      else if (type === 'list') parts.push(JSON.stringify(await client.lrange(key, '0', '-1')));
      else if (type === 'stream') parts.push(JSON.stringify(await client.xrange(key, '-', '+')));
    }
  } while (cursor !== '0' && ++rounds < 1000);
  return parts.join('\n');
}

describe('resilience: party data never enters the service (issue 18, defect 5)', () => {
  let redis: TestRedis;
  let client: TiaojieRedis;
  let svc: TestService;
  const base = (tag: string): Referral => referrals(1, tag, 41)[0]!;

  beforeAll(async () => {
    redis = await startTestRedis();
    client = createRedis(redis.url);
    svc = await startTestService({ redisUrl: redis.url, env: { REBALANCE_NIGHTLY: 'false' } });
    expect((await putFixtureMediators(svc)).status).toBe(200);
  });

  afterAll(async () => {
    await svc?.stop();
    client?.disconnect();
    await redis?.stop();
  });

  test.each<[string, string, (r: Referral) => unknown]>([
    ['a phone number as externalId', 'body.externalId', (r) => ({ ...r, externalId: PHONE })],
    ['a phone number inside externalId', 'body.externalId', (r) => ({ ...r, externalId: `wang${PHONE}` })],
    ['a resident ID number as externalId', 'body.externalId', (r) => ({ ...r, externalId: RESIDENT_ID })],
    ['a phone number as party ref', 'body.parties[0].ref', (r) => ({ ...r, parties: [{ ref: '15887654321' }] })],
    ['a grouped phone number as party ref', 'body.parties[1].ref', (r) => ({ ...r, parties: [{ ref: 'p-1' }, { ref: '136-9876-5432' }] })],
    ['a resident ID as party ref', 'body.parties[0].ref', (r) => ({ ...r, parties: [{ ref: `id-${RESIDENT_ID}` }] })],
    ['a name as party ref', 'body.parties[0].ref', (r) => ({ ...r, parties: [{ ref: '王小明' }] })],
    ['a phone number among tried mediators', 'body.attempts[0]', (r) => ({ ...r, attempts: ['18600001111'] })],
    [
      'one bad referral in a batch',
      'body[1].externalId',
      (r) => [
        { ...r, externalId: 'batch-ok' },
        { ...r, externalId: `b-${PHONE}` },
      ],
    ],
  ])('when a referral carries %s, then it is a 400 naming %s whose body does not echo the value', async (_, field, make) => {
    const body = make(base('pd'));
    const res = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body });
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe(field);
    const text = JSON.stringify(res.body);
    for (const v of [...FORBIDDEN, '王小明', '136-9876-5432']) expect(text).not.toContain(v);
  });

  test('then none of those values is anywhere in Redis (keys, values, the event stream), while an accepted referral is', async () => {
    const ok = { ...base('pd-control'), externalId: 'control-ext-4711' };
    const res = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: ok });
    expect(res.status).toBe(202);
    const caseId: string = res.body.cases[0].caseId;
    await waitFor(
      async () => ((await client.hget(countyKeys(svc.county).case(caseId), 'status')) !== 'referred' ? true : undefined),
      20_000,
    );

    const all = await dumpRedis(client);
    // The scan sees what the service stored: the control referral's externalId and its party refs.
    expect(all).toContain('control-ext-4711');
    expect(all).toContain(ok.parties[0]!.ref);
    expect(all).not.toContain('batch-ok'); // a request with one bad referral stores none of them
    for (const v of [...FORBIDDEN, '王小明', '136-9876-5432']) expect(all).not.toContain(v);
    const events = JSON.stringify(await client.xrange(countyKeys(svc.county).events, '-', '+'));
    expect(events).toContain('control-ext-4711');
    for (const v of FORBIDDEN) expect(events).not.toContain(v);
    console.log(`party-data: scanned ${all.length} characters of Redis; ${FORBIDDEN.length} forbidden values absent`);
  });
});
