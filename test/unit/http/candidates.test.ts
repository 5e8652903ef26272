import { loadDispatchConfig } from '../../../src/domain/config/load';
import { caseFromReferral } from '../../../src/use-cases/intake/intake';
import type { Case, OutcomeStat } from '../../../src/domain';
import { buildDispatchProblem, type StoreSnapshot } from '../../../src/cost-model/build-problem';
import { rankCandidates } from '../../../src/use-cases/candidates/rank-candidates';
import { Rng } from '../../../src/domain/random';
import { mediators, referrals } from '../../support/county-fixture';

const config = loadDispatchConfig();
const NOW = new Date('2024-03-06T02:00:00.000Z');

/** The reference: the dispatch problem itself, every arc priced, sorted; the top k per seat. */
function reference(c: Case, snap: StoreSnapshot, k: number) {
  const dp = buildDispatchProblem({ cases: [c], mediators: snap.mediators, loads: snap.loads, outcomes: snap.outcomes, config, now: NOW });
  if (dp.excluded[0]) return { excluded: dp.excluded[0].reason, seats: [] };
  const seats = dp.tasks.map((t, task) => ({
    role: t.role,
    candidates: dp.candidates
      .filter((a) => a.task === task)
      .map((a) => ({
        mediatorId: a.mediator.id,
        arcCost: a.cost,
        total: a.cost + (dp.loadCosts.get(a.mediator.id)?.[0] ?? 0),
        terms: a.terms,
      }))
      .sort((a, b) => a.total - b.total || (a.mediatorId < b.mediatorId ? -1 : 1))
      .slice(0, k),
  }));
  return { excluded: null, seats };
}

function snapshot(seed: number): StoreSnapshot {
  const rng = new Rng(seed);
  const ms = mediators();
  // Loads anywhere from empty to full, so some mediators are at capacity; outcome history for some.
  const loads = new Map(ms.map((m) => [m.id, Math.floor(rng.next() * (m.capacity + 1))]));
  const outcomes: OutcomeStat[] = ms
    .slice(0, 120)
    .map((m, i) => ({ mediatorId: m.id, category: referrals(1, 'x')[0]!.category, successes: i % 4, attempts: 4 }));
  return { mediators: ms, loads, outcomes };
}

describe('rankCandidates', () => {
  const cases = referrals(200, 'cand').map((r) => {
    const made = caseFromReferral(r, config);
    if (!made.ok) throw new Error(made.message);
    return made.case;
  });

  test.each([1, 2, 3])(
    'when ranked without the full problem (loads seed %i), then it matches the dispatch problem’s prices and order',
    (seed) => {
      const snap = snapshot(seed);
      let compared = 0;
      for (const c of cases) {
        const got = rankCandidates(c, snap, config, 7, NOW);
        const want = reference(c, snap, 7);
        expect(got.excluded?.reason ?? null).toBe(want.excluded);
        expect(got.seats.map((s) => s.role)).toEqual(want.seats.map((s) => s.role));
        got.seats.forEach((seat, i) => {
          const ref = want.seats[i]!.candidates;
          expect(seat.candidates.map((x) => x.mediatorId)).toEqual(ref.map((x) => x.mediatorId));
          seat.candidates.forEach((x, j) => {
            expect(x.total).toBeCloseTo(ref[j]!.total, 12);
            expect(x.arcCost).toBeCloseTo(ref[j]!.arcCost, 12);
            expect(x.terms).toEqual(ref[j]!.terms);
            compared++;
          });
        });
      }
      expect(compared).toBeGreaterThan(500);
    },
  );

  test('when every eligible mediator is full, then the case is excluded with the dispatch problem’s reason', () => {
    const ms = mediators();
    const full: StoreSnapshot = { mediators: ms, loads: new Map(ms.map((m) => [m.id, m.capacity])), outcomes: [] };
    const reasons = cases.map((c) => {
      const got = rankCandidates(c, full, config, 5, NOW);
      expect(got.seats).toEqual([]);
      expect(got.excluded?.reason).toBe(reference(c, full, 5).excluded);
      return got.excluded?.reason;
    });
    expect(reasons).toContain('capacity');
  });
});

describe('the current mediator among the candidates', () => {
  const made = caseFromReferral(referrals(1, 'current')[0]!, config);
  if (!made.ok) throw new Error(made.message);
  const waiting = made.case;
  const ms = mediators();
  const none: StoreSnapshot = { mediators: ms, loads: new Map(), outcomes: [] };
  const seat = rankCandidates(waiting, none, config, 5, NOW).seats[0]!;
  const holder = seat.candidates[0]!;
  const m = ms.find((x) => x.id === holder.mediatorId)!;
  /** The case assigned to `holder`, who is now full (this case is one of the cases they carry). */
  const assigned: Case = {
    ...waiting,
    status: 'assigned',
    assignment: {
      mediatorIds: [m.id],
      seats: [{ role: seat.role, mediatorId: m.id, cost: holder.total }],
      cost: holder.total,
      assignedAt: NOW.toISOString(),
      by: 'optimizer',
    },
  };
  const full: StoreSnapshot = { ...none, loads: new Map([[m.id, m.capacity]]) };

  test('when a full mediator holds the case, then it is still a candidate for it, marked current, priced without this case', () => {
    const got = rankCandidates(assigned, full, config, 5, NOW, 'en');
    const mine = got.seats[0]!.candidates.find((x) => x.mediatorId === m.id);
    expect(mine).toBeDefined();
    expect(mine!.current).toBe(true);
    expect(mine!.facts.load).toBe(m.capacity - 1);
    // exactly the price it has with the case not counted at all
    // Every candidate of the waiting case: at that load the holder may rank below the top 5 (load-aware success).
    const without = rankCandidates(waiting, { ...none, loads: new Map([[m.id, m.capacity - 1]]) }, config, 1000, NOW);
    expect(mine!.total).toBe(without.seats[0]!.candidates.find((x) => x.mediatorId === m.id)!.total);
    expect(got.seats[0]!.candidates.filter((x) => x.current)).toHaveLength(1);
    expect(mine!.summary).toContain('(current mediator of this case)');
  });

  test('when the same mediator is full with other cases, then it is not a candidate (the case is not theirs)', () => {
    const got = rankCandidates(waiting, full, config, 5, NOW);
    expect(got.seats[0]?.candidates.some((x) => x.mediatorId === m.id) ?? false).toBe(false);
  });

  test('when candidates are worded, then each is named in the language asked for, with rounded figures', () => {
    const zh = rankCandidates(assigned, full, config, 5, NOW);
    const en = rankCandidates(assigned, full, config, 5, NOW, 'en');
    expect(zh.lang).toBe('zh-CN');
    zh.seats[0]!.candidates.forEach((x, i) => {
      const person = ms.find((p) => p.id === x.mediatorId)!;
      expect(x.mediator.name).toBe(person.name);
      expect(x.summary).toContain(person.name);
      expect(x.summary).toMatch(/公里/);
      expect(en.seats[0]!.candidates[i]!.summary).toMatch(/ km away/);
      for (const text of [x.summary, ...x.reasons, en.seats[0]!.candidates[i]!.summary]) expect(text).not.toMatch(/\d\.\d{3,}/);
    });
  });
});
