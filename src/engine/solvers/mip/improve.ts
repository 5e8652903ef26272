import type { GapState } from './gap-state';
import { basePenalty } from './construct';
import type { CandidateLists } from './chain-move';
import { descend, type Rng } from './local-search';

/** Best feasible assignment so far (min-form cost); updated in place by the searches. */
export interface Incumbent {
  slots: Int32Array;
  cost: number;
}

/**
 * Moves `count` random seats to another agent of their task, capacity ignored: a random one of
 * its candidate (low reduced cost) arcs when lists are given — a plausible move the descent
 * then has to make room for — else any arc.
 */
export function kick(s: GapState, count: number, rng: Rng, cand?: CandidateLists): void {
  const { f } = s;
  const slots = s.slotArc.length;
  for (let q = 0; q < count; q++) {
    const slot = Math.floor(rng() * slots);
    const t = s.slotTask[slot] as number;
    const arcs = cand ? cand.arcs : f.taskArcs;
    const lo = cand ? (cand.start[t] as number) : (f.taskStart[t] as number);
    const deg = (cand ? (cand.start[t + 1] as number) : (f.taskStart[t + 1] as number)) - lo;
    if (deg <= 1) continue;
    const a = arcs[lo + Math.floor(rng() * deg)] as number;
    if (a === s.slotArc[slot] || s.taskUsesAgent(slot, f.p.arcAgent[a] as number)) continue;
    s.assign(slot, a);
  }
}

/**
 * Strategic oscillation: descend on cost + W·overload with a penalty W that adapts — lowered
 * (×0.7) while descents end feasible so the search dares through overloaded states, raised
 * (×1.5) while they end infeasible — and a kick when a descent lands on a recently seen state.
 * Overloading moves followed by moves that relieve the overload act as short ejection chains.
 */
export function oscillate(
  s: GapState,
  best: Incumbent,
  deadlineMs: number,
  rng: Rng,
  stallLimit: number,
  target: number,
  chains?: CandidateLists,
): void {
  const w0 = basePenalty(s);
  let w = w0;
  let stall = 0;
  // Descents at alternating penalties tend to cycle between a few states: a state seen
  // recently triggers a kick.
  const seen = new Set<string>();
  const maxKick = Math.max(2, Math.min(12, Math.ceil(s.slotArc.length / 20)));
  const withSwaps = chains !== undefined || s.slotArc.length <= 4000;
  while (stall < stallLimit && performance.now() < deadlineMs && best.cost > target + 1e-9) {
    stall++;
    descend(s, w, deadlineMs, rng, withSwaps, chains);
    s.recompute();
    if (s.feasible()) {
      if (s.cost < best.cost - 1e-9) {
        best.slots = s.slotArc.slice();
        best.cost = s.cost;
        stall = 0;
      }
      w = Math.max(w * 0.7, w0 * 1e-3);
    } else {
      w = Math.min(w * 1.5, w0 * 1e3);
    }
    const key = `${s.cost.toPrecision(12)}/${s.overload.toPrecision(8)}`;
    if (seen.has(key)) kick(s, 1 + Math.floor(rng() * maxKick), rng, chains);
    seen.add(key);
    if (seen.size > 64) seen.clear();
  }
  s.setSlots(best.slots);
}
