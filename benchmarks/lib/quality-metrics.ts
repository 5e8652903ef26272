import type { MemoryDispatchStore } from '../../src/adapters/memory/dispatch-memory-store';
import { isOnLeave, type Mediator } from '../../src/domain';
import type { SimRunResult } from '../../src/simulator/run';

/** The figures the quality benchmark compares, for one policy over one simulated run. */
export interface PolicyMetrics {
  readonly policy: string;
  readonly cases: number;
  readonly assigned: number;
  /** Settled ÷ closed, cases closed within the run. */
  readonly successRate: number;
  /** Mean hidden true success probability at assignment: the same figure without outcome noise. */
  readonly expectedSuccess: number;
  /** Cases due within the run (deadline ≤ end) closed by their deadline ÷ cases due. */
  readonly deadlineCompliance: number;
  /** Mean distance mediator → case village over all seats, km. */
  readonly meanTravelKm: number;
  /** Per mediator, open ÷ capacity averaged over every dispatch; then the mean and the max over mediators. */
  readonly utilisationMean: number;
  readonly utilisationMax: number;
  /** Gold seats filled, and how many of them on cases that were not major. */
  readonly goldSeats: number;
  readonly goldOnNonMajor: number;
  /** Milliseconds spent choosing (solver or baseline loop), whole run. */
  readonly dispatchMs: number;
}

/** Samples every mediator's utilisation after each dispatch. */
export class UtilisationSampler {
  private readonly sums = new Map<string, number>();
  private samples = 0;

  constructor(private readonly mediators: readonly Mediator[]) {}

  async sample(store: MemoryDispatchStore, at: number): Promise<void> {
    const loads = await store.loads();
    const when = new Date(at);
    this.samples += 1;
    for (const m of this.mediators) {
      if (m.capacity === 0 || isOnLeave(m, when)) continue;
      this.sums.set(m.id, (this.sums.get(m.id) ?? 0) + (loads.get(m.id) ?? 0) / m.capacity);
    }
  }

  /** Mean and max over mediators of their time-averaged utilisation. */
  result(): { mean: number; max: number } {
    const avgs = [...this.sums.values()].map((s) => s / Math.max(1, this.samples));
    return { mean: avgs.reduce((a, b) => a + b, 0) / Math.max(1, avgs.length), max: Math.max(0, ...avgs) };
  }
}

export function policyMetrics(policy: string, run: SimRunResult, util: { mean: number; max: number }): PolicyMetrics {
  const records = [...run.records.values()];
  const assigned = records.filter((r) => r.assignedAt !== null);
  const closed = records.filter((r) => r.closed);
  const end = run.end.getTime();
  const due = records.filter((r) => r.deadlineAt <= end);
  const seats = assigned.flatMap((r) => r.seats.map((s) => ({ ...s, major: r.class === 'major' })));
  const gold = seats.filter((s) => s.tier === 'gold');
  return {
    policy,
    cases: records.length,
    assigned: assigned.length,
    successRate: closed.filter((r) => r.settled).length / Math.max(1, closed.length),
    expectedSuccess: assigned.reduce((a, r) => a + r.trueSuccess!, 0) / Math.max(1, assigned.length),
    deadlineCompliance: due.filter((r) => r.closeAt !== null && r.closeAt <= r.deadlineAt).length / Math.max(1, due.length),
    meanTravelKm: seats.reduce((a, s) => a + s.distanceKm, 0) / Math.max(1, seats.length),
    utilisationMean: util.mean,
    utilisationMax: util.max,
    goldSeats: gold.length,
    goldOnNonMajor: gold.filter((s) => !s.major).length,
    dispatchMs: run.dispatches.reduce((a, d) => a + d.solveMs, 0),
  };
}
