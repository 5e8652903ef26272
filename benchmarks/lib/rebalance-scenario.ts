import type { Case, Mediator } from '../../src/domain';
import { caseFromReferral } from '../../src/use-cases/intake/intake';
import { dispatchBatch } from '../../src/use-cases/dispatch/dispatch-batch';
import { MemoryDispatchStore } from '../../src/adapters/memory/dispatch-memory-store';
import type { DispatchConfig } from '../../src/domain/config/load';
import { buildDispatchProblem } from '../../src/cost-model/build-problem';
import { buildRebalanceModel, type RebalanceSnapshot } from '../../src/planning/rebalance/build-model';
import { planRebalance } from '../../src/planning/rebalance/plan-rebalance';
import { DEFAULT_STABILITY_POLICY, type StabilityPolicy } from '../../src/planning/rebalance/policy';
import { applyMovesToCaseload } from '../../src/use-cases/rebalance/apply-moves';
import { generateCounty, type SimCounty } from '../../src/simulator/county';
import { referralsForDay } from '../../src/simulator/referrals';
import { Rng } from '../../src/domain/random';
import { DAY_MS, HOUR_MS } from '../../src/domain/time';

/** The knobs of the drift a day brings (documented in the benchmark's output). */
export interface DriftOptions {
  /** Open cases the county carries before the drift. @defaultValue 2000 */
  readonly openCases: number;
  /** Days over which the open caseload builds up. @defaultValue 30 */
  readonly monthDays: number;
  /** Share of mediators whose leave starts tomorrow. @defaultValue 0.03 */
  readonly leaveShare: number;
  /** Open cases settled early during the day (their load is freed). @defaultValue 150 */
  readonly earlySettlements: number;
  /** Urgent referrals a dispatcher put on the nearest eligible mediator with room. @defaultValue 120 */
  readonly urgentReferrals: number;
  /** Shares of open cases accepted / in session / mediating / pinned by a dispatcher. */
  readonly accepted: number;
  readonly sessionScheduled: number;
  readonly mediating: number;
  readonly pinned: number;
}

export const DEFAULT_DRIFT: DriftOptions = {
  openCases: 2000,
  monthDays: 30,
  leaveShare: 0.03,
  earlySettlements: 150,
  urgentReferrals: 120,
  accepted: 0.3,
  sessionScheduled: 0.15,
  mediating: 0.1,
  pinned: 0.03,
};

export interface Scenario {
  readonly county: SimCounty;
  readonly snapshot: RebalanceSnapshot;
  /** When the nightly run happens (02:00 Beijing time after the drift day). */
  readonly now: Date;
  readonly days: number;
  readonly leaving: number;
  readonly urgent: number;
}

/**
 * A county's open caseload the night after a day of drift: referrals from the simulator are
 * dispatched day by day by the real dispatcher until the county carries `openCases` open cases;
 * then, in one day, some mediators announce leave from tomorrow, some cases settle early, and
 * urgent referrals are piled onto the nearest eligible mediator by hand (a dispatcher's habit).
 */
/** Marks the full re-solve as last night's run. */
export const FULL_RESOLVE: StabilityPolicy = { ...DEFAULT_STABILITY_POLICY };

/**
 * @param lastNightPolicy the rebalance that ran the night before (its result is where the day
 *   starts); `FULL_RESOLVE` for a full re-solve, null for none (the caseload as live dispatch left it).
 */
export async function driftedCounty(
  seed: number,
  drift: DriftOptions = DEFAULT_DRIFT,
  lastNightPolicy: StabilityPolicy | null = DEFAULT_STABILITY_POLICY,
): Promise<Scenario> {
  const county = generateCounty({ seed });
  const { config } = county;
  const rng = new Rng(seed).fork('rebalance-drift');
  const store = new MemoryDispatchStore(county.mediators);
  const ctx = { config, params: county.params, mediators: county.mediators };
  // The open caseload builds up over about a month: as many referral streams a day as that takes.
  const streams = Math.max(1, Math.ceil(drift.openCases / ((drift.monthDays * county.params.annualDisputes) / 365)));
  let day = county.start;
  let days = 0;
  while (store.allCases().filter((c) => c.status === 'assigned').length < drift.openCases) {
    for (let k = 0; k < streams; k++) {
      for (const r of referralsForDay(day, ctx, rng.fork(`day-${days}-${k}`))) {
        const res = caseFromReferral({ ...r, externalId: `${k}-${r.externalId}` }, config);
        if (res.ok) store.addCase(res.case);
      }
    }
    await dispatchBatch(store, { config, now: new Date(day.getTime() + 10 * HOUR_MS) });
    day = new Date(day.getTime() + DAY_MS);
    days++;
  }
  const driftDay = day;
  const now = new Date(driftDay.getTime() + DAY_MS - 6 * HOUR_MS); // 02:00 Beijing = 18:00 UTC
  const lastNight = new Date(now.getTime() - DAY_MS);

  // Lifecycle progress: some accepted, some started, some pinned.
  let cases: Case[] = store
    .allCases()
    .filter((c) => c.status === 'assigned')
    .map((c) => {
      const u = rng.next();
      const { accepted, sessionScheduled, mediating, pinned } = drift;
      if (u < mediating) return { ...c, status: 'mediating' as const };
      if (u < mediating + sessionScheduled) return { ...c, status: 'session_scheduled' as const };
      if (u < mediating + sessionScheduled + accepted) return { ...c, status: 'accepted' as const };
      if (u < mediating + sessionScheduled + accepted + pinned)
        return { ...c, assignment: { ...c.assignment!, by: 'dispatcher' as const } };
      return c;
    });
  let loads = new Map(await store.loads());
  const outcomes = await store.outcomeStats();
  let mediators: Mediator[] = [...(await store.listMediators())];

  // Last night's rebalance ran: the day starts from its result.
  const settledNight =
    lastNightPolicy === null
      ? null
      : buildRebalanceModel({ cases, mediators, loads, outcomes, config, policy: lastNightPolicy, now: lastNight });
  if (settledNight) {
    const plan = await planRebalance(settledNight.model, { ignoreStability: lastNightPolicy === FULL_RESOLVE });
    ({ cases, loads } = applyMovesToCaseload(cases, loads, plan.moves, lastNight.toISOString()));
  }

  // Early settlements free their seats.
  const settle = new Set(
    sample(
      cases.filter((c) => c.status !== 'mediating').map((c) => c.id),
      drift.earlySettlements,
      rng,
    ),
  );
  for (const c of cases) if (settle.has(c.id)) for (const id of c.assignment!.mediatorIds) loads.set(id, (loads.get(id) ?? 0) - 1);
  cases = cases.filter((c) => !settle.has(c.id));

  // Urgent referrals of the day, put on the nearest eligible mediator with room.
  const urgentAt = new Date(driftDay.getTime() + 4 * HOUR_MS);
  const urgent = [0, 1, 2, 3, 4, 5]
    .flatMap((k) => referralsForDay(new Date(driftDay.getTime() + k * DAY_MS), ctx, rng.fork(`urgent-${k}`)))
    .slice(0, drift.urgentReferrals)
    .map((r, i) => ({ ...r, externalId: `urgent-${i}-${r.externalId}`, referredAt: new Date(driftDay.getTime() + HOUR_MS).toISOString() }));
  let urgentPlaced = 0;
  for (const r of urgent) {
    const res = caseFromReferral(r, config);
    if (!res.ok) continue;
    const placed = placeNearest(res.case, mediators, loads, config, urgentAt);
    if (!placed) continue;
    cases.push(placed);
    for (const id of placed.assignment!.mediatorIds) loads.set(id, (loads.get(id) ?? 0) + 1);
    urgentPlaced++;
  }

  // Leave from tomorrow for a share of mediators.
  const tomorrow = new Date(now.getTime() + 8 * HOUR_MS).toISOString().slice(0, 10);
  const leaving = new Set(
    sample(
      mediators.filter((m) => m.status === 'active').map((m) => m.id),
      Math.round(drift.leaveShare * mediators.length),
      rng,
    ),
  );
  mediators = mediators.map((m) =>
    leaving.has(m.id)
      ? { ...m, leave: [...m.leave, { from: tomorrow, until: new Date(Date.parse(tomorrow) + 14 * DAY_MS).toISOString().slice(0, 10) }] }
      : m,
  );
  const snapshot: RebalanceSnapshot = { cases, mediators, loads, outcomes };
  return { county, snapshot, now, days, leaving: leaving.size, urgent: urgentPlaced };
}

function sample<T>(items: readonly T[], n: number, rng: Rng): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(rng.next() * pool.length), 1)[0]!);
  return out;
}

/** The dispatcher's habit: the nearest eligible mediator with room, load ignored. */
function placeNearest(
  c: Case,
  mediators: readonly Mediator[],
  loads: ReadonlyMap<string, number>,
  config: DispatchConfig,
  at: Date,
): Case | null {
  const dp = buildDispatchProblem({ cases: [c], mediators, loads, outcomes: [], config, now: at });
  if (dp.tasks.length === 0) return null;
  const seats = dp.tasks.map((_, t) => {
    const best = dp.candidates.filter((a) => a.task === t).sort((a, b) => a.facts.distanceKm - b.facts.distanceKm)[0]!;
    return { role: dp.tasks[t]!.role, mediatorId: best.mediator.id, cost: best.cost };
  });
  if (new Set(seats.map((s) => s.mediatorId)).size !== seats.length) return null;
  const assignment = {
    mediatorIds: seats.map((s) => s.mediatorId),
    seats,
    cost: seats.reduce((s, x) => s + x.cost, 0),
    assignedAt: at.toISOString(),
    by: 'optimizer' as const,
  };
  return { ...c, status: 'assigned', assignment };
}
