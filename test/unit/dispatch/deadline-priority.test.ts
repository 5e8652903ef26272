import fc from 'fast-check';
import { dispatchBatch } from '../../../src/use-cases/dispatch/dispatch-batch';
import { MemoryDispatchStore } from '../../../src/adapters/memory/dispatch-memory-store';
import type { Case, Mediator } from '../../../src/domain';
import { DAY_MS } from '../../../src/domain/time';
import { caseIn, config, NOW, villageMediator } from '../cost-model/helpers';

/**
 * Issue 20, deadlines as priorities: a case that cannot wait for a later dispatch and still meet
 * its deadline is served before any case that can wait, whatever the distance within the county.
 */

const due = (days: number): string => new Date(NOW.getTime() + days * DAY_MS).toISOString();

function store(mediators: readonly Mediator[], cases: readonly Case[]): MemoryDispatchStore {
  const s = new MemoryDispatchStore(mediators);
  for (const c of cases) s.addCase(c);
  return s;
}

describe('deadline priority', () => {
  test('when one seat is free, then the court case due tomorrow takes it from the walk-in next door with 15 days of slack', async () => {
    // t01-v10 and t01-v18 are 20.6 km apart: the urgent case is that much farther from the only mediator.
    const s = store(
      [villageMediator('v1', 't01-v10', { capacity: 1 })],
      [caseIn('walk-in', 't01-v10', { deadlineAt: due(15) }), caseIn('court', 't01-v18', { channel: 'court', deadlineAt: due(1) })],
    );
    const r = await dispatchBatch(s, { config, now: NOW });
    expect(r.assigned.map((a) => a.caseId)).toEqual(['court']);
    expect(r.unassigned.map((u) => [u.caseId, u.reason])).toEqual([['walk-in', 'outranked']]);
    const words = r.assigned[0]!.assignment.seats[0]!.explanation!.words!;
    expect(words.en.summary).toMatch(/^Chosen: .* Served first: due tomorrow\.$/);
    expect(words.en.reasons.at(-1)).toBe('served first: due tomorrow');
    expect(words['zh-CN'].summary).toMatch(/优先办理：明日到期。$/);
  });

  test('when every case can wait, then no explanation claims a case was served first', async () => {
    const s = store([villageMediator('v1', 't01-v10', { capacity: 2 })], [caseIn('a', 't01-v10', { deadlineAt: due(15) })]);
    const r = await dispatchBatch(s, { config, now: NOW });
    expect(r.assigned[0]!.assignment.seats[0]!.explanation!.words!.en.summary).not.toMatch(/served first/i);
  });

  /*
   * The property, checked by rules written out here rather than by the solver: a village mediator
   * may take an ordinary family case of their own township or of a neighbouring one (overflow);
   * an ordinary case must be served now when at most workDays.ordinary + marginDays days are left.
   */
  const townships = ['t01', 't02', 't03'] as const;
  const villagesOf = new Map(config.county.townships.map((t) => [t.id, t.villages.map((v) => v.id)]));
  const neighbours = new Map(config.county.townships.map((t) => [t.id, t.neighbours]));
  const mayTake = (m: Mediator, c: Case): boolean => m.township === c.township || (neighbours.get(c.township) ?? []).includes(m.township);
  const limit = config.weights.priority.workDays.ordinary + config.weights.priority.marginDays;
  const place = fc.record({ township: fc.constantFrom(...townships), pick: fc.nat() });
  const villageOf = (p: { township: string; pick: number }): string => {
    const list = villagesOf.get(p.township)!;
    return list[p.pick % list.length]!;
  };

  test('property: no case misses the seat it needs now while a case with slack holds a seat it could have used', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ place, capacity: fc.integer({ min: 1, max: 2 }) }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.record({ place, days: fc.double({ min: 0.2, max: 20, noNaN: true }) }), { minLength: 1, maxLength: 10 }),
        async (ms, cs) => {
          const mediators = ms.map((m, i) => villageMediator(`v${i}`, villageOf(m.place), { capacity: m.capacity }));
          const cases = cs.map((c, i) => caseIn(`c${i}`, villageOf(c.place), { deadlineAt: due(c.days) }));
          const r = await dispatchBatch(store(mediators, cases), { config, now: NOW });
          const byId = new Map(cases.map((c) => [c.id, c]));
          const days = new Map(cs.map((c, i) => [`c${i}`, c.days]));
          const urgentLeft = r.unassigned.map((u) => byId.get(u.caseId)!).filter((c) => days.get(c.id)! <= limit);
          for (const u of urgentLeft) {
            for (const a of r.assigned) {
              if (days.get(a.caseId)! <= limit) continue;
              const holder = mediators.find((m) => m.id === a.assignment.mediatorIds[0])!;
              if (mayTake(holder, u))
                throw new Error(`${u.id} (${days.get(u.id)!.toFixed(2)} d) left while ${a.caseId} with slack holds ${holder.id}`);
            }
          }
        },
      ),
      { numRuns: 60, seed: 20 },
    );
  });
});
