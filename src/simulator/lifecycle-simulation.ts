import { currentAttempt, type CaseFile } from '../domain/lifecycle-file';
import type { LifecycleCommand } from '../domain/lifecycle-command';
import type { LifecycleEvent } from '../domain/lifecycle-event';
import type { Mediator } from '../domain/mediator';
import { loadLifecycleConfig, type LifecycleConfig } from '../domain/config/lifecycle-config';
import { loadRoomsConfig, type RoomsConfig } from '../domain/config/rooms-config';
import { dispatchBatch } from '../use-cases/dispatch/dispatch-batch';
import { caseFromReferral } from '../use-cases/intake/intake';
import { generateCounty, type SimCounty } from './county';
import { referralsForDay } from './referrals';
import { Rng } from '../domain/random';
import { outcomeDays, trueSuccess } from './truth';
import { MemoryLifecycleStore } from '../adapters/memory/lifecycle-memory-store';
import { scheduleDay, type SchedulingStats } from './lifecycle-scheduling';
import { drawFulfilmentMode, SIM_ASSUMPTIONS } from './lifecycle-draws';
import { applyCommand, tickAll } from '../use-cases/lifecycle/lifecycle-commands';
import { scheduleAfterAgreement } from './after-agreement-simulation';
import { checkBudget } from '../use-cases/lifecycle/budget';
import { loadSubsidyConfig, type SubsidyConfig } from '../domain/config/subsidy-config';
import { DAY_MS, HOUR_MS } from '../domain/time';
import { itemAt } from '../domain/indexed-access';
import { SummonsDraws } from './summons-draws';
import { caseStandingReader } from '../use-cases/summons/summons-case-standing';
import type { Summons } from '../domain/summons/summons';

export interface LifecycleSimOptions {
  /** Days to simulate. @defaultValue 30 */
  readonly days?: number;
  /** @defaultValue the simulator's default seed */
  readonly seed?: number;
  /** An already generated county (overrides seed). */
  readonly county?: SimCounty;
  readonly lifecycle?: LifecycleConfig;
  readonly rooms?: RoomsConfig;
  readonly subsidy?: SubsidyConfig;
  /**
   * Makes the store the run decides and writes with: a subclass may copy every write elsewhere
   * (the ledger benchmark copies them to the service's Redis stores).
   * @defaultValue a MemoryLifecycleStore of the county's mediators
   */
  readonly store?: (mediators: readonly Mediator[], config: LifecycleConfig) => MemoryLifecycleStore;
  /** After each simulated day, with the case files as they stand at its end (what the next midnight clock run reads). */
  readonly onDay?: (day: number, days: number, files: readonly CaseFile[]) => void;
}

export interface LifecycleSimResult {
  readonly files: readonly CaseFile[];
  readonly mediators: readonly Mediator[];
  readonly events: readonly LifecycleEvent[];
  readonly start: Date;
  readonly end: Date;
  readonly county: SimCounty;
  readonly scheduling: SchedulingStats;
  /** Departments summoned to sessions and how they answered (issue 17: 按时到位率). */
  readonly summonses: readonly Summons[];
}

interface Task {
  readonly at: number;
  readonly seq: number;
  readonly run: () => Promise<unknown>;
}

/** What the hidden truth decided for an attempt when it was assigned. */
interface AttemptPlan {
  readonly settle: boolean;
  readonly concludeAt: number;
  adjournments: number;
}

/**
 * A month (or `days`) of the county through the whole lifecycle, on simulated time: referrals from
 * the issue-3 simulator, dispatch by the real dispatcher three times a day, accept/decline,
 * sessions placed by the exact scheduler every evening, outcomes from the simulator's hidden truth,
 * escalation and re-dispatch, the legal clock every midnight, settlement, fulfilment and
 * enforcement. Deterministic for a seed.
 */
export async function simulateLifecycle(options: LifecycleSimOptions = {}): Promise<LifecycleSimResult> {
  const county = options.county ?? generateCounty(options.seed !== undefined ? { seed: options.seed } : {});
  const config = options.lifecycle ?? loadLifecycleConfig();
  const rooms = options.rooms ?? loadRoomsConfig();
  const subsidy = options.subsidy ?? loadSubsidyConfig();
  const days = options.days ?? 30;
  const store = options.store ? options.store(county.mediators, config) : new MemoryLifecycleStore(county.mediators, config);
  const base = new Rng(county.seed).fork('lifecycle');
  const plans = new Map<string, AttemptPlan>();
  const stats: SchedulingStats = { runs: 0, placed: 0, unscheduled: 0, solveMs: 0 };
  const queue: Task[] = [];
  let seq = 0;
  const at = (t: number, run: () => Promise<unknown>) => {
    queue.push({ at: t, seq: seq++, run });
    queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
  };
  const rngFor = (caseId: string, what: string) => base.fork(`${caseId}/${what}`);
  const summons = new SummonsDraws(rngFor, at, caseStandingReader(store));
  const apply = async (caseId: string, command: LifecycleCommand, t: number, by: string) => {
    const out = await applyCommand(store, caseId, command, { by, now: new Date(t), config });
    // As the service's transitions route: a case closed or a session cancelled releases its summoned departments at once.
    if (out.status === 'ok') await summons.follow(out.file, new Date(t), by);
    return out;
  };
  const fileOf = async (caseId: string) => {
    const file = await store.getFile(caseId);
    if (!file) throw new Error(`simulator: no case file for ${caseId}`);
    return file;
  };
  const caseOf = (caseId: string) => {
    const c = store.caseView(caseId);
    if (!c) throw new Error(`simulator: no case ${caseId}`);
    return c;
  };
  const mediatorOf = (id: string) => {
    const m = store.mediator(id);
    if (!m) throw new Error(`simulator: no mediator ${id}`);
    return m;
  };

  const onAssigned = async (caseId: string, t: number) => {
    const file = await fileOf(caseId);
    const attempt = currentAttempt(file);
    const lead = itemAt(attempt.mediatorIds, 0, 'attempt mediators');
    // One stream per assignment (a re-dispatch after a decline draws afresh).
    const rng = rngFor(caseId, `assign-${file.history.filter((h) => h.action === 'assign').length}`);
    const c = caseOf(caseId);
    const seats = attempt.mediatorIds.map(mediatorOf);
    const loads = await store.loads();
    const ratios = seats.map((m) => (loads.get(m.id) ?? 0) / Math.max(1, m.capacity));
    const p = trueSuccess(seats, c, ratios, county.trueSkill, county.params);
    plans.set(`${caseId}#${attempt.number}`, {
      settle: rng.next() < p,
      concludeAt: t + outcomeDays(c.class, Math.max(...ratios), county.params, rng) * DAY_MS,
      adjournments: 0,
    });
    const respondAt = t + rng.int(1, 4) * HOUR_MS;
    if (rng.bernoulli(SIM_ASSUMPTIONS.declineShare)) {
      at(respondAt, () => apply(caseId, { action: 'decline', reason: 'workload' }, respondAt, lead));
      return;
    }
    at(respondAt, () => apply(caseId, { action: 'accept' }, respondAt, lead));
    if (rng.bernoulli(SIM_ASSUMPTIONS.withdrawShare)) {
      const w = respondAt + rng.int(1, 3) * DAY_MS;
      at(w, () => apply(caseId, { action: 'withdraw', reason: 'parties settled privately' }, w, 'parties'));
    }
  };

  const onHeld = async (caseId: string, sessionEnd: number) => {
    const file = await fileOf(caseId);
    const attempt = currentAttempt(file);
    const plan = plans.get(`${caseId}#${attempt.number}`);
    if (!plan) return;
    const by = attempt.mediatorIds[0] ?? 'mediator';
    if (sessionEnd < plan.concludeAt && plan.adjournments < SIM_ASSUMPTIONS.maxAdjournments) {
      plan.adjournments += 1;
      await apply(caseId, { action: 'adjourn', reason: 'follow-up session needed' }, sessionEnd, by);
      return;
    }
    if (!plan.settle) {
      await apply(caseId, { action: 'fail_attempt', reason: 'no agreement reached' }, sessionEnd, by);
      return;
    }
    const rng = rngFor(caseId, `settle-${attempt.number}`);
    const mode = drawFulfilmentMode(file.category, county.params.fulfilment, rng);
    const out = await apply(
      caseId,
      { action: 'settle', amountYuan: rng.int(0, 50) * 1000, termsRef: `agr-${caseId}`, fulfilmentMode: mode },
      sessionEnd,
      by,
    );
    if (out.status === 'ok') scheduleAfterAgreement(out.file, sessionEnd, { store, config, params: county.params.fulfilment, at }, rng);
  };

  const start = county.start.getTime();
  for (let d = 0; d < days; d++) {
    const day = start + d * DAY_MS;
    at(day, async () => {
      await tickAll(store, new Date(day), config);
      await checkBudget(store, new Date(day), subsidy);
      await summons.tick(new Date(day));
    });
    const referrals = referralsForDay(
      new Date(day),
      { config: county.config, params: county.params, mediators: county.mediators },
      base.fork(`referrals-${d}`),
    );
    for (const r of referrals) {
      const intake = caseFromReferral(r, county.config);
      // A bug of the simulator's generator, not anyone's input: stays a plain Error.
      if (!intake.ok) throw new Error(`simulator produced a bad referral: ${intake.message}`);
      at(Date.parse(r.referredAt), () => Promise.resolve(store.addCase(intake.case)));
    }
    for (const h of [2, 6, 10]) {
      const t = day + h * HOUR_MS;
      at(t, async () => {
        store.now = new Date(t);
        const report = await dispatchBatch(store, { config: county.config, now: new Date(t) });
        for (const a of report.assigned) await onAssigned(a.caseId, t);
      });
    }
    const evening = day + 10 * HOUR_MS + 30 * 60_000;
    at(evening, async () => {
      const bookings = await scheduleDay(store, evening, { rooms, config, stats, rngFor });
      for (const b of bookings) {
        const s = Date.parse(b.slot.start);
        const e = Date.parse(b.slot.end);
        await summons.onBooked({ caseId: b.caseId, sessionId: b.sessionId, start: s }, caseOf(b.caseId), evening);
        at(s, async () => {
          // The session records the departments summoned to it as their summonses stand at its start.
          const arrivals = await summons.arrivalsAt(b.caseId, b.sessionId);
          const out = await apply(b.caseId, { action: 'start_mediation', arrivals }, s, itemAt(b.mediatorIds, 0, 'booking mediators'));
          if (out.status === 'ok') at(e, () => onHeld(b.caseId, e));
        });
      }
    });
    const end = day + DAY_MS;
    for (let first = queue[0]; first !== undefined && first.at < end; first = queue[0]) {
      queue.shift();
      await first.run();
    }
    if (options.onDay) options.onDay(d, days, await store.listFiles());
  }
  return {
    files: await store.listFiles(),
    mediators: county.mediators,
    events: store.events,
    start: new Date(start),
    end: new Date(start + days * DAY_MS),
    county,
    scheduling: stats,
    summonses: summons.all(),
  };
}
