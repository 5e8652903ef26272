import { CaseRepo } from '../../src/adapters/redis/case-repo';
import { readEventsAfter } from '../../src/adapters/redis/events';
import { RedisLifecycleStore } from '../../src/adapters/redis/lifecycle-redis-store';
import { createRedis, type TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { summonsKeys } from '../../src/adapters/redis/summons-keys';
import { RedisSummonsSettings, RedisSummonsStore } from '../../src/adapters/redis/summons-store';
import { loadLifecycleConfig } from '../../src/domain/config/lifecycle-config';
import { issuedSummons } from '../../src/domain/summons/summons';
import { caseFiles } from '../../src/use-cases/lifecycle/case-files';
import { applyCommand } from '../../src/use-cases/lifecycle/lifecycle-commands';
import { caseStandingReader } from '../../src/use-cases/summons/summons-case-standing';
import { tickSummonses } from '../../src/use-cases/summons/summons-clock-run';
import { waitingCase } from '../unit/domain/fixtures';
import { startTestRedis, uniqueCounty, type TestRedis } from '../support/redis';

const config = loadLifecycleConfig();
const REFERRED = '2026-03-02T02:00:00.000Z';
const REQUIRED_BY = '2026-03-10T01:00:00.000Z';
const AFTER_GRACE = new Date(Date.parse(REQUIRED_BY) + 31 * 60_000);

describe('summonses follow their case on Redis (private redis-server)', () => {
  let server: TestRedis;
  let redis: TiaojieRedis;

  beforeAll(async () => {
    server = await startTestRedis();
    redis = createRedis(server.url);
  }, 60_000);

  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
  });

  /** A county with two referred cases on Redis and one summons of each; c-closed is withdrawn before requiredBy. */
  async function county() {
    const name = uniqueCounty('smf');
    await new CaseRepo(redis, name, 1000).intake([
      waitingCase({ id: 'c-open', county: name, referredAt: REFERRED }),
      waitingCase({ id: 'c-closed', county: name, referredAt: REFERRED }),
    ]);
    const lifecycle = caseFiles(new RedisLifecycleStore(redis, name, 1000), config);
    const withdrawn = await applyCommand(
      lifecycle,
      'c-closed',
      { action: 'withdraw', reason: 'parties settled privately' },
      { by: 'dispatcher', now: new Date('2026-03-04T02:00:00.000Z'), config },
    );
    expect(withdrawn.status).toBe('ok');
    const store = new RedisSummonsStore(redis, name, 1000);
    const make = (id: string, caseId: string) =>
      issuedSummons({ id, caseId, department: 'health', reason: 'r', requiredBy: REQUIRED_BY, issuedBy: 'd', issuedAt: REFERRED });
    await store.create([make('sm_open', 'c-open'), make('sm_closed', 'c-closed')], []);
    return { name, store, cases: caseStandingReader(lifecycle), settings: new RedisSummonsSettings(redis, name) };
  }

  test('when the port reads a case file on Redis, then it gives the case status, when it closed and its sessions', async () => {
    const { cases } = await county();
    expect(await cases.standing('c-open')).toEqual({ caseStatus: 'referred', sessions: {} });
    expect(await cases.standing('c-closed')).toEqual({ caseStatus: 'withdrawn', closedAt: '2026-03-04T02:00:00.000Z', sessions: {} });
    expect(await cases.standing('c-none')).toBeNull();
  });

  test('when the clock runs past the grace, then the withdrawn case’s summons is cancelled and the open case’s is missed and escalated, once', async () => {
    const { name, store, cases, settings } = await county();
    const first = await tickSummonses(store, settings, cases, AFTER_GRACE);
    const again = await tickSummonses(store, settings, cases, AFTER_GRACE);
    expect(first.map((e) => [e.summonsId, e.type])).toEqual([
      ['sm_closed', 'summons.cancelled'],
      ['sm_open', 'summons.missed'],
      ['sm_open', 'summons.escalated'],
    ]);
    expect(again).toEqual([]);
    expect(await store.get('sm_closed')).toMatchObject({ status: 'cancelled', cancelReason: 'case_closed' });
    expect(await redis.zscore(summonsKeys(name).open, 'sm_closed')).toBeNull();
    const stream = await readEventsAfter(redis, name, '0-0', 50);
    expect(stream.filter((e) => e.type === 'summons.cancelled').map((e) => e.data)).toEqual([
      expect.objectContaining({ summonsId: 'sm_closed', actor: 'clock', cause: 'case_closed' }),
    ]);
    expect(stream.filter((e) => e.type === 'summons.escalated').map((e) => e.data)).toEqual([
      expect.objectContaining({ summonsId: 'sm_open', escalatedTo: 'director' }),
    ]);
  });
});
