import type { MemoryDispatchStore } from '../../src/adapters/memory/dispatch-memory-store';
import { isOnLeave, type Mediator } from '../../src/domain';
import type { DispatchConfig } from '../../src/domain/config/load';
import { eligibilityContext, seatEligibility, seatsFor } from '../../src/cost-model/eligibility';
import { mustServeNow } from '../../src/cost-model/terms';
import { daysLeft } from '../../src/cost-model/build-problem';
import { forecastArrivals, poissonQuantile } from '../../src/cost-model/arrival-forecast';
import { DEFAULT_RESERVATIONS } from '../../src/domain/config/reservation-rules';
import type { Dispatcher, SimRunResult } from '../../src/simulator/run';
import { quantile } from '../../src/simulator/summary';
import { DAY_MS, HOUR_MS } from '../../src/domain/time';

/**
 * The issue-20 figures of one policy on a scenario, judged by an observer that wraps the policy
 * and checks each dispatch with the hard rules only (never the solver's own view):
 * - a case is left "while capacity existed" when, after a dispatch, it must be served now (its
 *   days left no longer cover the class's working days and margin) and either every seat still
 *   had an eligible mediator with room, or a case that could wait was just given a mediator
 *   eligible for it; it counts when its deadline is then missed;
 * - a major case is "without a gold lead" when it is left waiting with no gold mediator free, on
 *   a day the forecast held (the major arrivals of the past horizon within the forecast's
 *   90% quantile);
 * - load spread: per township, the village mediators' open ÷ capacity, averaged over the
 *   dispatches of the surge window; the largest over the county mean.
 */

export interface SurgeMetrics {
  readonly policy: string;
  readonly cases: number;
  readonly settlementRate: number;
  readonly deadlinesMissed: number;
  readonly missedWhileCapacity: number;
  readonly majors: number;
  readonly majorWithoutGold: number;
  readonly loadSpread: number;
  readonly medianTravelKm: number;
  readonly worstTownshipWaitHours: number;
}

export interface SurgeWindow {
  readonly from: number;
  readonly to: number;
}

export class SurgeObserver {
  private readonly leftWithCapacity = new Set<string>();
  private readonly majorNoGold = new Set<string>();
  private readonly utilSums = new Map<string, number>();
  private samples = 0;

  constructor(
    private readonly config: DispatchConfig,
    private readonly window: SurgeWindow,
  ) {}

  wrap(inner: Dispatcher): Dispatcher {
    return async (store, now) => {
      const [before, mediators, loadsBefore] = await Promise.all([store.waitingCases(), store.listMediators(), store.loads()]);
      const out = await inner(store, now);
      const loadsAfter = await store.loads();
      const assigned = new Map(out.assigned.map((a) => [a.caseId, a.assignment.mediatorIds]));
      const left = before.filter((c) => !assigned.has(c.id));
      const slackHolders = before
        .filter((c) => assigned.has(c.id) && !mustServeNow(daysLeft(c, now), c.class, this.config.weights))
        .flatMap((c) => (assigned.get(c.id) ?? []).map((id) => mediators.find((m) => m.id === id)).filter((m): m is Mediator => !!m));
      const ctxAfter = eligibilityContext(this.config, loadsAfter, now);
      const ctxBefore = eligibilityContext(this.config, loadsBefore, now);
      for (const c of left) {
        if (mustServeNow(daysLeft(c, now), c.class, this.config.weights)) {
          const seats = seatsFor(c, this.config.tierRules);
          const roomLeft = seats.every((seat) => mediators.some((m) => seatEligibility(m, c, seat, ctxAfter).eligible));
          const takenBySlack =
            seats.length === 1 &&
            slackHolders.some((m) => seatEligibility(m, c, seats[0]!, { ...ctxBefore, loads: new Map() }).eligible && !isOnLeave(m, now));
          if (roomLeft || takenBySlack) this.leftWithCapacity.add(c.id);
        }
        if (
          c.class === 'major' &&
          !mediators.some((m) => m.tier === 'gold' && !isOnLeave(m, now) && (loadsAfter.get(m.id) ?? 0) < m.capacity)
        ) {
          if (this.forecastHeld(store, now)) this.majorNoGold.add(c.id);
        }
      }
      if (now.getTime() >= this.window.from && now.getTime() < this.window.to) this.sample(mediators, loadsAfter, now);
      return out;
    };
  }

  /** Major arrivals over the past horizon within the 90% quantile of the forecast made at its start. */
  private forecastHeld(store: MemoryDispatchStore, now: Date): boolean {
    const rule = DEFAULT_RESERVATIONS[0]!;
    const start = new Date(now.getTime() - rule.horizonDays * DAY_MS);
    const history = store.allCases().map((c) => ({ at: Date.parse(c.referredAt), class: c.class }));
    const wanted = poissonQuantile(forecastArrivals(history, 'major', start, rule.horizonDays, rule.historyDays).expected, rule.quantile);
    const arrived = history.filter((a) => a.class === 'major' && a.at > start.getTime() && a.at <= now.getTime()).length;
    return arrived <= wanted;
  }

  private sample(mediators: readonly Mediator[], loads: ReadonlyMap<string, number>, now: Date): void {
    const byTownship = new Map<string, { open: number; capacity: number }>();
    for (const m of mediators) {
      if (m.tier !== 'village' || isOnLeave(m, now) || m.capacity === 0) continue;
      const t = byTownship.get(m.township) ?? { open: 0, capacity: 0 };
      t.open += loads.get(m.id) ?? 0;
      t.capacity += m.capacity;
      byTownship.set(m.township, t);
    }
    for (const [id, t] of byTownship) this.utilSums.set(id, (this.utilSums.get(id) ?? 0) + t.open / t.capacity);
    this.samples += 1;
  }

  metrics(policy: string, run: SimRunResult): SurgeMetrics {
    const records = [...run.records.values()];
    const end = run.end.getTime();
    const closed = records.filter((r) => r.closed);
    const missed = records.filter((r) => r.deadlineAt <= end && !(r.closeAt !== null && r.closeAt <= r.deadlineAt));
    const util = [...this.utilSums.values()].map((s) => s / Math.max(1, this.samples));
    const meanUtil = util.reduce((a, b) => a + b, 0) / Math.max(1, util.length);
    const waits = new Map<string, number[]>();
    for (const r of records) {
      const township = run.store.getCase(r.caseId)?.township ?? '?';
      const list = waits.get(township) ?? [];
      list.push(((r.assignedAt ?? end) - r.referredAt) / HOUR_MS);
      waits.set(township, list);
    }
    const meanWait = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    return {
      policy,
      cases: records.length,
      settlementRate: closed.filter((r) => r.settled).length / Math.max(1, closed.length),
      deadlinesMissed: missed.length,
      missedWhileCapacity: missed.filter((r) => this.leftWithCapacity.has(r.caseId)).length,
      majors: records.filter((r) => r.class === 'major').length,
      majorWithoutGold: records.filter((r) => this.majorNoGold.has(r.caseId)).length,
      loadSpread: meanUtil > 0 ? Math.max(...util) / meanUtil : 0,
      medianTravelKm: quantile(
        records.flatMap((r) => r.seats.map((s) => s.distanceKm)),
        0.5,
      ),
      worstTownshipWaitHours: Math.max(0, ...[...waits.values()].map(meanWait)),
    };
  }
}
