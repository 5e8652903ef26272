import { CaseRepo } from './case-repo';
import { countyKeys } from './keys';
import { MediatorRepo } from './mediator-repo';
import { createRedis } from './redis-connection';
import { flatPairs } from './replies';

export interface StoreAudit {
  readonly cases: number;
  readonly byStatus: Readonly<Record<string, number>>;
  /** Everything that breaks an invariant, for a readable failure. */
  readonly problems: readonly string[];
  /** case.assigned events per case id. */
  readonly assignedEvents: ReadonlyMap<string, number>;
}

/**
 * Recounts a county from Redis, independently of the scripts that wrote it (tests, benchmark, ops): every load equals the
 * seats of assigned cases, no load exceeds capacity, no case has two assignment events, panels
 * have distinct mediators, and the waiting index agrees with the statuses.
 */
export async function auditCounty(redisUrl: string, county: string): Promise<StoreAudit> {
  const redis = createRedis(redisUrl);
  try {
    const keys = countyKeys(county);
    const repo = new CaseRepo(redis, county, 1000);
    const ids = await redis.zrange(keys.cases, '0', '-1');
    const cases = await repo.getMany(ids);
    const mediators = await new MediatorRepo(redis, county).list();
    const loads = await new MediatorRepo(redis, county).loads();
    const problems: string[] = [];
    const byStatus: Record<string, number> = {};
    const seats = new Map<string, number>();
    for (const c of cases) {
      byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
      if (c.status === 'assigned') {
        if (!c.assignment) problems.push(`${c.id}: assigned without assignment`);
        const ms = c.assignment?.mediatorIds ?? [];
        if (new Set(ms).size !== ms.length) problems.push(`${c.id}: the same mediator twice`);
        for (const m of ms) seats.set(m, (seats.get(m) ?? 0) + 1);
      }
    }
    for (const m of mediators) {
      const load = loads.get(m.id) ?? 0;
      if (load !== (seats.get(m.id) ?? 0)) problems.push(`${m.id}: load ${load} but ${seats.get(m.id) ?? 0} seats`);
      if (load > m.capacity) problems.push(`${m.id}: load ${load} over capacity ${m.capacity}`);
    }
    const waiting = new Set(await redis.zrange(keys.waiting, '0', '-1'));
    for (const c of cases) {
      const isWaiting = c.status === 'referred' || c.status === 'unassigned';
      if (isWaiting !== waiting.has(c.id)) problems.push(`${c.id}: status ${c.status} but waiting index ${waiting.has(c.id)}`);
    }
    const assignedEvents = new Map<string, number>();
    for (const [, fields] of await redis.xrange(keys.events, '-', '+')) {
      const f = Object.fromEntries(flatPairs(fields));
      if (f.type !== 'case.assigned' || f.data === undefined) continue;
      const caseId = (JSON.parse(f.data) as { caseId: string }).caseId;
      assignedEvents.set(caseId, (assignedEvents.get(caseId) ?? 0) + 1);
    }
    for (const [id, n] of assignedEvents) if (n > 1) problems.push(`${id}: ${n} case.assigned events`);
    for (const c of cases)
      if (c.status === 'assigned' && assignedEvents.get(c.id) !== 1) problems.push(`${c.id}: assigned without its event`);
    return { cases: cases.length, byStatus, problems, assignedEvents };
  } finally {
    redis.disconnect();
  }
}
