import type { GapState } from './gap-state';
import { basePenalty } from './construct';
import { descend, type Rng } from './local-search';

export interface Incumbent {
  slots: Int32Array;
  cost: number;
}

/** Moves `count` random filled seats to a random other agent of their task (capacity ignored). */
function kick(s: GapState, count: number, rng: Rng): void {
  const { f } = s;
  const slots = s.slotArc.length;
  for (let q = 0; q < count; q++) {
    const slot = Math.floor(rng() * slots);
    const t = s.slotTask[slot]!;
    const lo = f.taskStart[t]!;
    const deg = f.taskStart[t + 1]! - lo;
    if (deg <= 1) continue;
    const a = f.taskArcs[lo + Math.floor(rng() * deg)]!;
    if (a === s.slotArc[slot] || s.taskUsesAgent(slot, f.p.arcAgent[a]!)) continue;
    s.assign(slot, a);
  }
}

/**
 * Iterated local search from a feasible local optimum: kick a few seats, descend again on
 * cost + W·overload with W raised until feasible, keep the result when it is feasible and no
 * worse (plateaus are walked), else return to the previous assignment. Stops at the deadline,
 * after `stallLimit` kicks without a new best, or once `target` (a proven bound) is reached.
 */
export function iteratedLocalSearch(
  s: GapState, best: Incumbent, deadline: number, rng: Rng, stallLimit: number, target: number,
): void {
  const w0 = basePenalty(s);
  let current = s.slotArc.slice();
  let currentCost = s.cost;
  let stall = 0;
  const maxKick = Math.max(2, Math.min(12, Math.ceil(s.slotArc.length / 20)));
  while (stall < stallLimit && performance.now() < deadline && best.cost > target + 1e-9) {
    stall++;
    kick(s, 1 + Math.floor(rng() * maxKick), rng);
    let w = w0;
    let ok = false;
    for (let round = 0; round < 12 && !ok; round++, w *= 2) {
      descend(s, w, deadline, rng, s.slotArc.length <= 4000);
      s.recompute();
      ok = s.feasible();
    }
    if (ok && s.cost <= currentCost + 1e-9) {
      current = s.slotArc.slice();
      currentCost = s.cost;
      if (s.cost < best.cost - 1e-9) {
        best.slots = current.slice();
        best.cost = s.cost;
        stall = 0;
      }
    } else {
      s.setSlots(current);
    }
  }
  s.setSlots(best.slots);
}

