import {
  distanceKm,
  type Assignment,
  type CaseClass,
  type Category,
  type Channel,
  type Mediator,
  type Tier,
  type UnassignedReason,
} from '../domain';
import { MemoryDispatchStore } from '../adapters/memory/dispatch-memory-store';
import { caseFromReferral } from '../use-cases/intake/intake';
import type { SimCounty } from './county';
import { referralsForDay } from './referrals';
import { scenarioReferrals, type Scenario } from './scenario';
import { Rng } from '../domain/random';
import { outcomeDays, trueSuccess } from './truth';
import { DAY_MS, HOUR_MS } from '../domain/time';
import { itemAt, mustGet } from '../domain/indexed-access';

/** What a dispatch policy reports back to the simulator. */
export interface DispatchOutcome {
  readonly assigned: readonly { readonly caseId: string; readonly assignment: Assignment }[];
  readonly unassigned: readonly { readonly caseId: string; readonly reason: UnassignedReason; readonly detail?: string }[];
  readonly solveMs?: number;
}

/** A dispatch policy: assigns waiting cases in the store at `now` (the optimizer, or a baseline). */
export type Dispatcher = (store: MemoryDispatchStore, now: Date) => Promise<DispatchOutcome>;

export interface SeatRecord {
  readonly mediatorId: string;
  readonly tier: Tier;
  readonly distanceKm: number;
  /** The optimizer's prediction when it explained the seat; null for baselines. */
  readonly predictedSuccess: number | null;
}

/** Everything the reports need about one simulated case. */
export interface CaseRecord {
  readonly caseId: string;
  readonly channel: Channel;
  readonly category: Category;
  readonly class: CaseClass;
  readonly referredAt: number;
  readonly deadlineAt: number;
  assignedAt: number | null;
  seats: readonly SeatRecord[];
  /** Hidden true probability of settlement at assignment. */
  trueSuccess: number | null;
  settled: boolean | null;
  closeAt: number | null;
  closed: boolean;
  /** Referred during the warm-up days (kept out of reports). */
  readonly warmup: boolean;
  lastUnassignedReason: UnassignedReason | null;
  lastUnassignedDetail: string | null;
}

export interface SimRunOptions {
  readonly county: SimCounty;
  /** Days reported, from `county.start`. */
  readonly days: number;
  /**
   * Days simulated before `county.start` so the reported days begin with a realistic open caseload;
   * their cases stay out of the reports but load the mediators. @defaultValue 0
   */
  readonly warmupDays?: number;
  readonly dispatch: Dispatcher;
  /**
   * Dispatch times, hours after 00:00 UTC of each day (local time − 8 h).
   * @defaultValue [2, 6, 10] — 10:00, 14:00 and 18:00 Beijing time
   */
  readonly dispatchHours?: readonly number[];
  /** Called after each reported dispatch, once its outcomes are drawn (for time-averaged metrics). */
  readonly afterDispatch?: (store: MemoryDispatchStore, at: number) => Promise<void> | void;
  /** Surge, mass case and festival on top of the calm year (the festival leave is in `county` already: `withScenario`). @defaultValue CALM */
  readonly scenario?: Scenario;
  /** Called after each simulated day. */
  readonly onDay?: (dayIndex: number, days: number) => void;
}

export interface SimRunResult {
  readonly store: MemoryDispatchStore;
  readonly records: ReadonlyMap<string, CaseRecord>;
  readonly mediators: ReadonlyMap<string, Mediator>;
  /** First reported day (warm-up days come before it). */
  readonly start: Date;
  readonly end: Date;
  /** Per reported dispatch: cases offered and solve time. */
  readonly dispatches: readonly { readonly at: number; readonly cases: number; readonly assigned: number; readonly solveMs: number }[];
}

/**
 * Runs the county for `days`: referrals arrive through the day, the policy dispatches at fixed
 * times, outcomes are drawn from the hidden truth (the same random numbers for every policy, per
 * case) and closed cases free their mediators and feed the outcome history the optimizer learns from.
 * A failed mediation is recorded as such and not re-referred within the run.
 */
export async function runSimulation(options: SimRunOptions): Promise<SimRunResult> {
  const { county } = options;
  const store = new MemoryDispatchStore(county.mediators);
  const mediators = new Map(county.mediators.map((m) => [m.id, m]));
  const records = new Map<string, CaseRecord>();
  const dispatches: { at: number; cases: number; assigned: number; solveMs: number }[] = [];
  const open: CaseRecord[] = [];
  const base = new Rng(county.seed);
  const hours = options.dispatchHours ?? [2, 6, 10];
  const ctx = { config: county.config, params: county.params, mediators: county.mediators };

  const closeDue = (t: number) => {
    for (let i = open.length - 1; i >= 0; i--) {
      const r = itemAt(open, i, 'open cases');
      // Cases join `open` once their outcome is drawn, so both are set.
      if (r.closeAt === null || r.settled === null || r.closeAt > t) continue;
      store.closeCase(r.caseId, { settled: r.settled });
      r.closed = true;
      open.splice(i, 1);
    }
  };

  const warmup = options.warmupDays ?? 0;
  for (let d = -warmup; d < options.days; d++) {
    const day = new Date(county.start.getTime() + d * DAY_MS);
    const extra = options.scenario ? scenarioReferrals(d, day, options.scenario, ctx, base.fork(`scenario-${d}`)) : [];
    const referrals = [...referralsForDay(day, ctx, base.fork(`referrals-${d}`)), ...extra].sort(
      (a, b) => Date.parse(a.referredAt) - Date.parse(b.referredAt),
    );
    let next = 0;
    for (const h of hours) {
      const at = day.getTime() + h * HOUR_MS;
      for (; next < referrals.length; next++) {
        const referral = itemAt(referrals, next, 'referrals');
        if (Date.parse(referral.referredAt) > at) break;
        const intake = caseFromReferral(referral, county.config);
        // A bug of the simulator's generator, not anyone's input: stays a plain Error.
        if (!intake.ok) throw new Error(`simulator produced a bad referral: ${intake.message}`);
        const c = intake.case;
        if (!store.addCase(c)) continue;
        records.set(c.id, {
          caseId: c.id,
          channel: c.channel,
          category: c.category,
          class: c.class,
          referredAt: Date.parse(c.referredAt),
          deadlineAt: Date.parse(c.deadlineAt),
          assignedAt: null,
          seats: [],
          trueSuccess: null,
          settled: null,
          closeAt: null,
          closed: false,
          warmup: d < 0,
          lastUnassignedReason: null,
          lastUnassignedDetail: null,
        });
      }
      closeDue(at);
      const waiting = (await store.waitingCases()).length;
      const outcome = await options.dispatch(store, new Date(at));
      if (d >= 0) dispatches.push({ at, cases: waiting, assigned: outcome.assigned.length, solveMs: outcome.solveMs ?? 0 });
      const loads = await store.loads();
      for (const u of outcome.unassigned) {
        const r = records.get(u.caseId);
        if (r) {
          r.lastUnassignedReason = u.reason;
          r.lastUnassignedDetail = u.detail ?? null;
        }
      }
      for (const a of outcome.assigned) {
        const r = mustGet(records, a.caseId, 'case record');
        const c = store.getCase(a.caseId);
        if (!c) throw new Error(`simulator: assigned case ${a.caseId} is not in the store`);
        const seats = a.assignment.mediatorIds.map((id) => mustGet(mediators, id, 'mediator'));
        const ratios = seats.map((m) => (loads.get(m.id) ?? 0) / Math.max(1, m.capacity));
        const rng = new Rng(`${county.seed}/outcome/${c.id}`);
        r.assignedAt = at;
        r.seats = a.assignment.seats.map((s) => {
          const m = mustGet(mediators, s.mediatorId, 'mediator');
          return {
            mediatorId: m.id,
            tier: m.tier,
            distanceKm: distanceKm(m.location, c.location),
            predictedSuccess: s.explanation?.chosen.facts.predictedSuccess ?? null,
          };
        });
        r.trueSuccess = trueSuccess(seats, c, ratios, county.trueSkill, county.params);
        r.settled = rng.next() < r.trueSuccess;
        r.closeAt = at + outcomeDays(c.class, Math.max(...ratios), county.params, rng) * DAY_MS;
        open.push(r);
      }
      if (d >= 0) await options.afterDispatch?.(store, at);
    }
    closeDue(day.getTime() + DAY_MS);
    options.onDay?.(d + warmup, options.days + warmup);
  }
  for (const [id, r] of records) if (r.warmup) records.delete(id);
  return { store, records, mediators, start: county.start, end: new Date(county.start.getTime() + options.days * DAY_MS), dispatches };
}
