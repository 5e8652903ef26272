import { candidateSwapPass, chainPass, type CandidateLists } from './chain-move';
import { GapState, UNFILLED } from './gap-state';

const EPS = 1e-9;
/** Up to this many seats a swap pass scans every pair (measured better on type D); beyond, candidate lists only. */
const FULL_SWAP_MAX_SEATS = 2000;
/** Largest estimated cyclic-exchange pass (evaluations) still worth running. */
const CYCLE_MAX_WORK = 4_000_000;

/** Uniform integer in [0, n). */
export type Rng = () => number;

/**
 * Best move per slot among shifts (another usable arc of the task, or leaving the seat unfilled
 * when that is allowed) on the penalised objective cost + W·overload. Returns true if it moved.
 */
function improveSlotByShift(s: GapState, slot: number, w: number, d: Float64Array): boolean {
  const { f } = s;
  const t = s.slotTask[slot] as number;
  const cur = s.slotArc[slot] as number;
  let best = 0;
  let bestArc = cur;
  for (let k = f.taskStart[t] as number; k < (f.taskStart[t + 1] as number); k++) {
    const a = f.taskArcs[k] as number;
    if (a === cur || s.taskUsesAgent(slot, f.p.arcAgent[a] as number)) continue;
    s.shiftDelta(slot, a, d);
    const v = (d[0] as number) + w * (d[1] as number);
    if (v < best - EPS) {
      best = v;
      bestArc = a;
    }
  }
  if (f.unassigned !== null && cur !== UNFILLED) {
    s.shiftDelta(slot, UNFILLED, d);
    const v = (d[0] as number) + w * (d[1] as number);
    if (v < best - EPS) {
      bestArc = UNFILLED;
    }
  }
  if (bestArc === cur) return false;
  s.assign(slot, bestArc);
  return true;
}

/** First improving swap of agents between `slot` and any other filled slot. */
function improveSlotBySwap(s: GapState, slot: number, w: number, d: Float64Array, order: Int32Array): boolean {
  const { f } = s;
  const a1 = s.slotArc[slot] as number;
  if (a1 === UNFILLED) return false;
  const t1 = s.slotTask[slot] as number;
  const i1 = f.p.arcAgent[a1] as number;
  for (let q = 0; q < order.length; q++) {
    const other = order[q] as number;
    const a2 = s.slotArc[other] as number;
    if (a2 === UNFILLED) continue;
    const t2 = s.slotTask[other] as number;
    const i2 = f.p.arcAgent[a2] as number;
    if (t2 === t1 || i2 === i1) continue;
    const b1 = s.arcOf(t1, i2);
    if (b1 < 0) continue;
    const b2 = s.arcOf(t2, i1);
    if (b2 < 0) continue;
    s.swapDelta(a1, b1, a2, b2, d);
    if ((d[0] as number) + w * (d[1] as number) >= -EPS) continue;
    if (s.taskUsesAgent(slot, i2) || s.taskUsesAgent(other, i1)) continue;
    s.assign(slot, b1);
    s.assign(other, b2);
    return true;
  }
  return false;
}

export function shuffled(count: number, rng: Rng): Int32Array {
  const order = Int32Array.from({ length: count }, (_, k) => k);
  for (let k = count - 1; k > 0; k--) {
    const r = Math.floor(rng() * (k + 1));
    const tmp = order[k] as number;
    order[k] = order[r] as number;
    order[r] = tmp;
  }
  return order;
}

/**
 * Local descent to a local optimum of cost + W·overload over shift and swap moves, then (with
 * candidate lists) two-step ejection chains and three-agent cyclic exchanges. Swaps scan all seat pairs (quadratic) up to
 * FULL_SWAP_MAX_SEATS seats, beyond that only candidate agents. Returns false if the deadline cut it short.
 */
export function descend(s: GapState, w: number, deadlineMs: number, rng: Rng, withSwaps = true, chains?: CandidateLists): boolean {
  const d = new Float64Array(2);
  const slots = s.slotArc.length;
  const order = shuffled(slots, rng);
  for (;;) {
    let moved = true;
    while (moved) {
      moved = false;
      for (let q = 0; q < slots; q++) if (improveSlotByShift(s, order[q] as number, w, d)) moved = true;
      if (performance.now() > deadlineMs) return false;
    }
    if (!withSwaps) return true;
    let swapped = false;
    if (chains && slots > FULL_SWAP_MAX_SEATS) swapped = candidateSwapPass(s, chains, w, order, deadlineMs);
    else {
      for (let q = 0; q < slots; q++) {
        if (improveSlotBySwap(s, order[q] as number, w, d, order)) swapped = true;
        if ((q & 63) === 0 && performance.now() > deadlineMs) return false;
      }
    }
    if (swapped) continue;
    if (!chains) return true;
    if (chainPass(s, chains, w, order, deadlineMs)) continue;
    // Three-agent cyclic exchanges last: ~seats·(width·seats/agent)² evaluations per pass, so only
    // where that stays small (on 80×1600 they cost more rounds than they gained).
    const perAgent = slots / Math.max(1, s.f.p.agentIds.length);
    const cycleWork = slots * ((chains.start[1] as number) - (chains.start[0] as number) || 1) ** 2 * perAgent ** 2;
    if (cycleWork <= CYCLE_MAX_WORK && chainPass(s, chains, w, order, deadlineMs, true)) continue;
    return true;
  }
}
