import { CASE_CLASSES, CHANNELS, TIERS, isOnLeave, type CaseClass, type Channel, type Tier, type UnassignedReason } from '../domain';
import type { CaseRecord, SimRunResult } from './run';
import { DAY_MS } from '../domain/time';
import { itemAt } from '../domain/indexed-access';

/** Figures of a simulated run: what the demo prints and writes, and what the quality benchmark compares. */
export interface RunSummary {
  readonly days: number;
  readonly cases: number;
  readonly byChannel: Readonly<Record<Channel, number>>;
  readonly byClass: Readonly<Record<CaseClass, number>>;
  readonly assigned: number;
  /** Seats filled, by the mediator's tier. */
  readonly seatsByTier: Readonly<Record<Tier, number>>;
  /** Cases still without a mediator at the end, by the last reason given. */
  readonly unassignedByReason: Readonly<Partial<Record<UnassignedReason, number>>>;
  readonly travelKm: { readonly mean: number; readonly p90: number; readonly max: number };
  /** Open cases ÷ capacity over active mediators at the end of the run. */
  readonly utilisation: {
    readonly mean: number;
    readonly max: number;
    readonly stdev: number;
    readonly byTier: Readonly<Record<Tier, number>>;
  };
  /** Mean predicted success of the chosen seats (optimizer runs only; null otherwise). */
  readonly expectedSuccess: number | null;
  /** Mean hidden true success probability at assignment (simulation only). */
  readonly trueSuccess: number | null;
  /** Closed cases and how many settled. */
  readonly closed: number;
  readonly settled: number;
  /** Cases due within the run (deadline before its end) closed by their deadline ÷ cases due. */
  readonly deadlineCompliance: number | null;
  readonly gold: { readonly seats: number; readonly onMajor: number; readonly capacity: number; readonly openAtEnd: number };
  readonly solveMs: number;
}

const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** The q-quantile (0..1) by nearest rank. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return itemAt(s, Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1)), 'sorted values');
}

function countBy<K extends string>(keys: readonly K[], items: readonly CaseRecord[], key: (r: CaseRecord) => K): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const r of items) out[key(r)] += 1;
  return out;
}

export async function summarizeRun(result: SimRunResult): Promise<RunSummary> {
  const records = [...result.records.values()];
  const assigned = records.filter((r) => r.assignedAt !== null);
  const seats = assigned.flatMap((r) => r.seats);
  const travel = seats.map((s) => s.distanceKm);
  const seatsByTier = Object.fromEntries(TIERS.map((t) => [t, seats.filter((s) => s.tier === t).length])) as Record<Tier, number>;
  const unassignedByReason: Partial<Record<UnassignedReason, number>> = {};
  for (const r of records) {
    if (r.assignedAt !== null) continue;
    const k = r.lastUnassignedReason ?? 'capacity';
    unassignedByReason[k] = (unassignedByReason[k] ?? 0) + 1;
  }
  const loads = await result.store.loads();
  const active = [...result.mediators.values()].filter((m) => !isOnLeave(m, result.end) && m.capacity > 0);
  const util = active.map((m) => (loads.get(m.id) ?? 0) / m.capacity);
  const byTier = Object.fromEntries(
    TIERS.map((t) => {
      const ms = active.filter((m) => m.tier === t);
      return [t, mean(ms.map((m) => (loads.get(m.id) ?? 0) / m.capacity))];
    }),
  ) as Record<Tier, number>;
  const u = mean(util);
  const predicted = seats.map((s) => s.predictedSuccess).filter((p): p is number => p !== null);
  const end = result.end.getTime();
  const due = records.filter((r) => r.deadlineAt <= end);
  const onTime = due.filter((r) => r.closeAt !== null && r.closeAt <= r.deadlineAt);
  const closed = records.filter((r) => r.closed);
  const golds = [...result.mediators.values()].filter((m) => m.tier === 'gold');
  return {
    days: Math.round((end - result.start.getTime()) / DAY_MS),
    cases: records.length,
    byChannel: countBy(CHANNELS, records, (r) => r.channel),
    byClass: countBy(CASE_CLASSES, records, (r) => r.class),
    assigned: assigned.length,
    seatsByTier,
    unassignedByReason,
    travelKm: { mean: mean(travel), p90: quantile(travel, 0.9), max: travel.length ? Math.max(...travel) : 0 },
    utilisation: { mean: u, max: util.length ? Math.max(...util) : 0, stdev: Math.sqrt(mean(util.map((x) => (x - u) ** 2))), byTier },
    expectedSuccess: predicted.length ? mean(predicted) : null,
    trueSuccess: assigned.length ? mean(assigned.flatMap((r) => (r.trueSuccess === null ? [] : [r.trueSuccess]))) : null,
    closed: closed.length,
    settled: closed.filter((r) => r.settled).length,
    deadlineCompliance: due.length ? onTime.length / due.length : null,
    gold: {
      seats: seatsByTier.gold,
      onMajor: assigned
        .filter((r) => r.class === 'major')
        .flatMap((r) => r.seats)
        .filter((s) => s.tier === 'gold').length,
      capacity: golds.reduce((a, m) => a + m.capacity, 0),
      openAtEnd: golds.reduce((a, m) => a + (loads.get(m.id) ?? 0), 0),
    },
    solveMs: result.dispatches.reduce((a, d) => a + d.solveMs, 0),
  };
}
