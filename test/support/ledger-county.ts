/**
 * A county whose state fills every ledger table, built straight on Redis through the adapters, in
 * two steps so a test can copy the first into the ledger before the second happens.
 */
import { appendAudit } from '../../src/adapters/redis/audit-log';
import { CaseRepo } from '../../src/adapters/redis/case-repo';
import { RedisCourtFigures } from '../../src/adapters/redis/court-figures-repo';
import { RedisLifecycleStore } from '../../src/adapters/redis/lifecycle-redis-store';
import { MediatorRepo } from '../../src/adapters/redis/mediator-repo';
import { RedisDispatchStore } from '../../src/adapters/redis/redis-dispatch-store';
import type { TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { RedisSummonsStore } from '../../src/adapters/redis/summons-store';
import { loadLifecycleConfig } from '../../src/domain/config/lifecycle-config';
import { issuedSummons } from '../../src/domain/summons/summons';
import { caseFiles } from '../../src/use-cases/lifecycle/case-files';
import { applyCommand } from '../../src/use-cases/lifecycle/lifecycle-commands';
import { mediator, waitingCase } from '../unit/domain/fixtures';

const AT = '2026-03-02T02:00:00.000Z';

/** Throws when a setup step was refused: the tests after it would prove nothing. */
function ok(what: string, status: string): void {
  if (status !== 'ok') throw new Error(`county setup: ${what} was refused (${status})`);
}

/** Step one: a roster of two mediators and two waiting cases, c1 and c2. */
export async function seedCounty(redis: TiaojieRedis, county: string): Promise<void> {
  await new MediatorRepo(redis, county).upsert([mediator({ id: 'm1' }), mediator({ id: 'm2' })]);
  await new CaseRepo(redis, county, 1000).intake([
    waitingCase({ id: 'c1', county, referredAt: AT }),
    waitingCase({ id: 'c2', county, referredAt: AT }),
  ]);
}

/**
 * Step two: c1 assigned to m1, accepted, a session scheduled and a summons issued; c2 withdrawn;
 * c3 referred; a court month and a dispatcher's decision recorded.
 */
export async function moveCounty(redis: TiaojieRedis, county: string): Promise<void> {
  const lifecycle = loadLifecycleConfig();
  const assignment = {
    mediatorIds: ['m1'],
    seats: [{ role: 'sole' as const, mediatorId: 'm1', cost: 1 }],
    cost: 1,
    assignedAt: AT,
    by: 'optimizer' as const,
  };
  const committed = await new RedisDispatchStore(redis, county, 1000).commitAssignments([{ caseId: 'c1', assignment }]);
  ok('the assignment of c1', committed.committed.includes('c1') ? 'ok' : 'refused');
  const files = caseFiles(new RedisLifecycleStore(redis, county, 1000), lifecycle);
  const ctx = { by: 'dispatcher', now: new Date(AT), config: lifecycle };
  ok('accept c1', (await applyCommand(files, 'c1', { action: 'accept' }, ctx)).status);
  const session = {
    action: 'schedule_session' as const,
    sessionId: 's1',
    roomId: 'centre-1',
    slot: { date: '2026-03-03', half: 'am' as const },
    start: '2026-03-03T01:00:00.000Z',
    end: '2026-03-03T04:00:00.000Z',
  };
  ok('a session for c1', (await applyCommand(files, 'c1', session, ctx)).status);
  ok('withdraw c2', (await applyCommand(files, 'c2', { action: 'withdraw', reason: 'settled privately' }, ctx)).status);
  await new CaseRepo(redis, county, 1000).intake([waitingCase({ id: 'c3', county, referredAt: AT })]);
  const summons = issuedSummons({
    id: 'sm1',
    caseId: 'c1',
    department: 'health',
    reason: 'r',
    requiredBy: '2026-03-10T01:00:00.000Z',
    issuedBy: 'd',
    issuedAt: AT,
  });
  await new RedisSummonsStore(redis, county, 1000).create([summons], []);
  const figures = { civilCommercialFilings: 40, administrativeFilings: 2, transferredToMediation: 12, filedAfterFailedMediation: 3 };
  await new RedisCourtFigures(redis, county).putMany([{ month: '2026-02', figures }], new Date(AT));
  await appendAudit(redis, county, { action: 'pin', caseId: 'c1', mediatorIds: ['m1'], by: 'dispatcher-1', force: false });
}
