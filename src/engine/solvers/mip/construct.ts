import { GapState, UNFILLED } from './gap-state';
import { descend, type Rng } from './local-search';

/**
 * Greedy assignment priced by Lagrangian reduced costs c + μ·load: tasks with the largest
 * regret (second-best minus best reduced cost) choose first, each seat taking the cheapest
 * arc that still fits; a seat with no fitting arc stays unfilled when that is allowed, else
 * takes the arc that overloads least (the repair step removes the overload).
 */
export function constructGreedy(s: GapState, mu: Float64Array): void {
  const { f } = s;
  const { p, cost, taskStart, taskArcs } = f;
  const n = p.taskIds.length;
  s.setSlots(new Int32Array(s.slotArc.length).fill(UNFILLED));
  const rc = (a: number): number => (cost[a] as number) + (mu[p.arcAgent[a] as number] as number) * (p.arcLoad[a] as number);
  const regret = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let b1 = Infinity;
    let b2 = f.unassigned ?? Infinity;
    for (let k = taskStart[t] as number; k < (taskStart[t + 1] as number); k++) {
      const v = rc(taskArcs[k] as number);
      if (v < b1) {
        b2 = b1;
        b1 = v;
      } else if (v < b2) b2 = v;
    }
    regret[t] = b2 - b1;
  }
  const order = Array.from({ length: n }, (_, t) => t).sort((x, y) => (regret[y] as number) - (regret[x] as number));
  for (const t of order) {
    for (let slot = s.slotStart[t] as number; slot < (s.slotStart[t + 1] as number); slot++) {
      let bestFit = -1;
      let bestFitRc = f.unassigned ?? Infinity;
      let leastOver = -1;
      let leastOverBy = Infinity;
      for (let k = taskStart[t] as number; k < (taskStart[t + 1] as number); k++) {
        const a = taskArcs[k] as number;
        const i = p.arcAgent[a] as number;
        if (s.taskUsesAgent(slot, i)) continue;
        const excess = (s.load[i] as number) + (p.arcLoad[a] as number) - (p.capacity[i] as number);
        const v = rc(a);
        if (excess <= 1e-9) {
          if (v < bestFitRc) {
            bestFitRc = v;
            bestFit = a;
          }
        } else if (excess < leastOverBy) {
          leastOverBy = excess;
          leastOver = a;
        }
      }
      const pick = bestFit >= 0 ? bestFit : f.unassigned !== null ? UNFILLED : leastOver;
      if (pick !== UNFILLED) s.assign(slot, pick);
    }
  }
  s.recompute();
}

/** Penalty per unit of overload to start repair with: about one arc-cost range per mean load unit. */
export function basePenalty(s: GapState): number {
  const { p, cost } = s.f;
  let lo = Infinity;
  let hi = -Infinity;
  let loadSum = 0;
  for (let a = 0; a < cost.length; a++) {
    lo = Math.min(lo, cost[a] as number);
    hi = Math.max(hi, cost[a] as number);
    loadSum += p.arcLoad[a] as number;
  }
  const meanLoad = cost.length > 0 ? loadSum / cost.length : 1;
  const range = Number.isFinite(hi - lo) ? hi - lo : 1;
  return Math.max(1, range + Math.abs(s.f.unassigned ?? 0)) / Math.max(meanLoad, 1e-6);
}

/**
 * Descends on cost + W·overload, doubling W until the assignment respects every capacity
 * (or the attempts or time run out). Returns whether it ended feasible.
 */
export function repair(s: GapState, deadlineMs: number, rng: Rng, withSwaps = true): boolean {
  let w = basePenalty(s);
  for (let round = 0; round < 24; round++) {
    descend(s, w, deadlineMs, rng, withSwaps);
    s.recompute();
    if (s.feasible()) return true;
    if (performance.now() > deadlineMs) return false;
    w *= 2;
  }
  return false;
}
