import { cheapestArcs } from './core-problem';
import type { Incumbent } from './improve';
import type { Rng } from './local-search';
import { isClassicGap, type MinForm } from './min-form';

/** Largest tasks × agents table the tabu search builds (dense cost, load and arc lookups). */
const MAX_CELLS = 4_000_000;

/** True for the classic GAP shape the tabu search handles: one seat per task, every seat filled, no load costs. */
export function fitsTabu(f: MinForm): boolean {
  return isClassicGap(f) && f.p.taskIds.length * f.p.agentIds.length <= MAX_CELLS;
}

export interface TabuOptions {
  readonly deadlineMs: number;
  readonly rng: Rng;
  /** Multipliers of the load rows: chains and swaps only follow each task's `width` agents of least reduced cost c + μ·load. */
  readonly mu: Float64Array;
  readonly width: number;
  /** Stop once the best cost reaches this (a proven bound). */
  readonly target: number;
  /** Iterations a task may not return to an agent it left: tenure + a random share of it. */
  readonly tenure: number;
  /** Factor by which the overload penalty rises after an infeasible iteration (and falls after a feasible one). */
  readonly penaltyStep: number;
  /** Stop after this many iterations without a new best. */
  readonly patience: number;
}

/**
 * Tabu search on cost + Σ_i α_i·overload_i (Yagiura–Ibaraki–Glover style): every iteration
 * takes the best non-tabu move among shifts, swaps and two-step ejection chains (t1 moves to
 * i2, a task of i2 moves on to i3), even when it worsens; a task may not return to an agent it
 * left for a few iterations (unless that gives a new best). Each agent's weight α_i adapts
 * (raised while it is overloaded, all lowered while the assignment is feasible), so the search
 * oscillates across the capacity border where type D optima sit.
 */
export function tabuSearch(f: MinForm, start: Incumbent, o: TabuOptions): Incumbent {
  const { p, cost, taskArcs } = f;
  const n = p.taskIds.length;
  const m = p.agentIds.length;
  const C = new Float64Array(n * m).fill(Infinity);
  const R = new Float64Array(n * m);
  const A = new Int32Array(n * m).fill(-1);
  for (let k = 0; k < taskArcs.length; k++) {
    const a = taskArcs[k] as number;
    const cell = (p.arcTask[a] as number) * m + (p.arcAgent[a] as number);
    C[cell] = cost[a] as number;
    R[cell] = p.arcLoad[a] as number;
    A[cell] = a;
  }
  const { candStart, agentsOf } = candidates(f, o.mu, o.width);
  const cap = p.capacity;
  const sigma = new Int32Array(n);
  const load = new Float64Array(m);
  const jobs = new Int32Array(n * m);
  const count = new Int32Array(m);
  const pos = new Int32Array(n);
  let c = 0;
  for (let t = 0; t < n; t++) {
    const i = p.arcAgent[start.slots[t] as number] as number;
    sigma[t] = i;
    (load[i] as number) += R[t * m + i] as number;
    c += C[t * m + i] as number;
    pos[t] = count[i] as number;
    jobs[i * n + (count[i] as number)++] = t;
  }
  const move = (t: number, to: number): void => {
    const from = sigma[t] as number;
    const last = jobs[from * n + --(count[from] as number)] as number;
    jobs[from * n + (pos[t] as number)] = last;
    pos[last] = pos[t] as number;
    pos[t] = count[to] as number;
    jobs[to * n + (count[to] as number)++] = t;
    (load[from] as number) -= R[t * m + from] as number;
    (load[to] as number) += R[t * m + to] as number;
    sigma[t] = to;
  };
  let w = 1;
  const pen = (i: number, dl: number): number => {
    const l0 = load[i] as number;
    const l1 = l0 + dl;
    const c0 = cap[i] as number;
    return w * ((l1 > c0 ? l1 - c0 : 0) - (l0 > c0 ? l0 - c0 : 0));
  };
  const isOver = (i: number, dl: number): number => ((load[i] as number) + dl > (cap[i] as number) + 1e-9 ? 1 : 0);
  const tabuUntil = new Int32Array(n * m);
  const best: Incumbent = { slots: start.slots.slice(), cost: start.cost };
  const rng = o.rng;
  // Best non-tabu agent for each task to move on to (chain tails), and the runner-up on another agent.
  const out1V = new Float64Array(n);
  const out1A = new Int32Array(n);
  const out2V = new Float64Array(n);
  const out2A = new Int32Array(n);
  let lastGain = 0;
  for (let it = 1; best.cost > o.target + 1e-9 && it - lastGain <= o.patience; it++) {
    if ((it & 15) === 0 && performance.now() >= o.deadlineMs) break;
    let overCount = 0;
    for (let i = 0; i < m; i++) if ((load[i] as number) > (cap[i] as number) + 1e-9) overCount++;
    for (let t = 0; t < n; t++) {
      let v1 = Infinity;
      let a1 = -1;
      let v2 = Infinity;
      let a2 = -1;
      const from = sigma[t] as number;
      for (let k = candStart[t] as number; k < (candStart[t + 1] as number); k++) {
        const i3 = agentsOf[k] as number;
        if (i3 === from || (tabuUntil[t * m + i3] as number) > it) continue;
        const v = (C[t * m + i3] as number) + pen(i3, R[t * m + i3] as number);
        if (v < v1) {
          v2 = v1;
          a2 = a1;
          v1 = v;
          a1 = i3;
        } else if (v < v2) {
          v2 = v;
          a2 = i3;
        }
      }
      out1V[t] = v1;
      out1A[t] = a1;
      out2V[t] = v2;
      out2A[t] = a2;
    }
    let bestDelta = Infinity;
    let bestDc = 0;
    let mt1 = -1;
    let mi2 = -1;
    let mt2 = -1;
    let mi3 = -1;
    let ties = 0;
    const consider = (
      delta: number,
      dc: number,
      feasible: boolean,
      tabu: boolean,
      t1: number,
      i2: number,
      t2: number,
      i3: number,
    ): void => {
      // Aspiration: a tabu move is allowed when it yields a new best feasible assignment.
      if (tabu && !(feasible && c + dc < best.cost - 1e-9)) return;
      if (delta < bestDelta - 1e-9) ties = 0;
      if (rng() * ++ties >= 1) return;
      bestDelta = delta;
      bestDc = dc;
      mt1 = t1;
      mi2 = i2;
      mt2 = t2;
      mi3 = i3;
    };
    for (let t1 = 0; t1 < n; t1++) {
      const i1 = sigma[t1] as number;
      const c1 = C[t1 * m + i1] as number;
      const r1 = R[t1 * m + i1] as number;
      const leave1 = pen(i1, -r1);
      const overOff1 = overCount - isOver(i1, 0) + isOver(i1, -r1);
      for (let k = candStart[t1] as number; k < (candStart[t1 + 1] as number); k++) {
        const i2 = agentsOf[k] as number;
        if (i2 === i1) continue;
        const tabu1 = (tabuUntil[t1 * m + i2] as number) > it;
        const r12 = R[t1 * m + i2] as number;
        const dc1 = (C[t1 * m + i2] as number) - c1;
        const base2 = overOff1 - isOver(i2, 0);
        // Shift.
        const dShift = dc1 + leave1 + pen(i2, r12);
        if (dShift <= bestDelta + 1e-9) consider(dShift, dc1, base2 + isOver(i2, r12) === 0, tabu1, t1, i2, -1, -1);
        // A task t2 of i2 leaves: back to i1 (swap) or on to a third agent (ejection chain).
        for (let q = 0; q < (count[i2] as number); q++) {
          const t2 = jobs[i2 * n + q] as number;
          const r2 = R[t2 * m + i2] as number;
          const dc2 = dc1 - (C[t2 * m + i2] as number);
          const in2 = pen(i2, r12 - r2);
          const over2 = isOver(i2, r12 - r2);
          const c21 = C[t2 * m + i1] as number;
          if (c21 !== Infinity) {
            const dl1 = (R[t2 * m + i1] as number) - r1;
            const d = dc2 + c21 + in2 + pen(i1, dl1);
            if (d <= bestDelta + 1e-9) {
              const feasible = overCount - isOver(i1, 0) - isOver(i2, 0) + isOver(i1, dl1) + over2 === 0;
              consider(d, dc2 + c21, feasible, tabu1 || (tabuUntil[t2 * m + i1] as number) > it, t1, i2, t2, i1);
            }
          }
          const useFirst = out1A[t2] !== i1;
          const i3 = useFirst ? (out1A[t2] as number) : (out2A[t2] as number);
          if (i3 < 0) continue;
          const d = dc2 + (useFirst ? (out1V[t2] as number) : (out2V[t2] as number)) + in2 + leave1;
          if (d <= bestDelta + 1e-9) {
            const r23 = R[t2 * m + i3] as number;
            const feasible = base2 + over2 - isOver(i3, 0) + isOver(i3, r23) === 0;
            consider(d, dc2 + (C[t2 * m + i3] as number), feasible, tabu1, t1, i2, t2, i3);
          }
        }
      }
    }
    if (mt1 < 0) break;
    const i1 = sigma[mt1] as number;
    const tenure = (): number => o.tenure + Math.floor(rng() * o.tenure);
    tabuUntil[mt1 * m + i1] = it + tenure();
    move(mt1, mi2);
    if (mt2 >= 0) {
      tabuUntil[mt2 * m + mi2] = it + tenure();
      move(mt2, mi3);
    }
    c += bestDc;
    let feasible = true;
    for (let i = 0; i < m; i++) if ((load[i] as number) > (cap[i] as number) + 1e-9) feasible = false;
    if (feasible && c < best.cost - 1e-9) {
      best.cost = c;
      for (let t = 0; t < n; t++) best.slots[t] = A[t * m + (sigma[t] as number)] as number;
      lastGain = it;
    }
    // Strategic oscillation: the penalty rises while the walk is infeasible and falls while it is feasible.
    w = feasible ? Math.max(0.05, w / o.penaltyStep) : w * o.penaltyStep;
  }
  return best;
}

/** Per task (CSR) the `width` agents of least reduced cost c + μ·load. */
function candidates(f: MinForm, mu: Float64Array, width: number): { candStart: Int32Array; agentsOf: Int32Array } {
  const { start, arcs } = cheapestArcs(f, mu, width);
  return { candStart: start, agentsOf: Int32Array.from(arcs, (a) => f.p.arcAgent[a] as number) };
}
