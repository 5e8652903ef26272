import type { Problem, Sense } from '../../src/engine/problem';
import type { IndexedProblem } from '../../src/engine/indexed';
import { seededRng } from '../../src/domain/random';

/** A generalized assignment instance: m agents, n jobs, cost/load per (agent, job), capacity per agent. */
export interface GapInstance {
  readonly name: string;
  readonly m: number;
  readonly n: number;
  /** cost[i * n + j] */
  readonly cost: Float64Array;
  /** load[i * n + j] */
  readonly load: Float64Array;
  readonly capacity: Float64Array;
}

/** Every job to exactly one agent, every (agent, job) pair allowed: the classic GAP as a v1 problem. */
export function gapToProblem(g: GapInstance, sense: Sense): IndexedProblem {
  const arcs = g.m * g.n;
  const arcTask = new Int32Array(arcs);
  const arcAgent = new Int32Array(arcs);
  const arcCost = new Float64Array(arcs);
  const arcLoad = new Float64Array(arcs);
  let a = 0;
  for (let j = 0; j < g.n; j++) {
    for (let i = 0; i < g.m; i++, a++) {
      arcTask[a] = j;
      arcAgent[a] = i;
      arcCost[a] = g.cost[i * g.n + j]!;
      arcLoad[a] = g.load[i * g.n + j]!;
    }
  }
  return {
    taskIds: Array.from({ length: g.n }, (_, j) => `j${j + 1}`),
    seats: new Int32Array(g.n).fill(1),
    agentIds: Array.from({ length: g.m }, (_, i) => `i${i + 1}`),
    capacity: Float64Array.from(g.capacity),
    loadCosts: new Array<null>(g.m).fill(null),
    arcTask,
    arcAgent,
    arcCost,
    arcLoad,
    sense,
    unassignedCost: null,
  };
}

export type ChuBeasleyType = 'A' | 'B' | 'C' | 'D';

/**
 * Chu & Beasley (1997) generators, minimisation:
 *  A: r ~ U[5,25], c ~ U[10,50], b_i = 0.6·(n/m)·15 + 0.4·max_i Σ_{j∈J_i} r_ij (J_i: jobs whose cheapest agent is i)
 *  B: as A with b scaled by 0.7
 *  C: as A with b_i = 0.8·Σ_j r_ij / m
 *  D: r ~ U[1,100], c = 111 − r + e with e ~ U[−10,10], b_i = 0.8·Σ_j r_ij / m  (costs anti-correlated with loads: hard)
 */
export function chuBeasley(type: ChuBeasleyType, m: number, n: number, seed: number): GapInstance {
  const rnd = seededRng(seed); // the same seed gives the same instance on every machine
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const cost = new Float64Array(m * n);
  const load = new Float64Array(m * n);
  for (let k = 0; k < m * n; k++) {
    if (type === 'D') {
      load[k] = int(1, 100);
      cost[k] = 111 - load[k]! + int(-10, 10);
    } else {
      load[k] = int(5, 25);
      cost[k] = int(10, 50);
    }
  }
  const capacity = new Float64Array(m);
  if (type === 'C' || type === 'D') {
    for (let i = 0; i < m; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum += load[i * n + j]!;
      capacity[i] = Math.floor((0.8 * sum) / m);
    }
  } else {
    const cheapestLoad = new Float64Array(m);
    for (let j = 0; j < n; j++) {
      let best = 0;
      for (let i = 1; i < m; i++) if (cost[i * n + j]! < cost[best * n + j]!) best = i;
      cheapestLoad[best]! += load[best * n + j]!;
    }
    const base = 0.6 * (n / m) * 15 + 0.4 * Math.max(...cheapestLoad);
    capacity.fill(Math.floor(type === 'B' ? 0.7 * base : base));
  }
  return { name: `${type.toLowerCase()}${m}x${n}`, m, n, cost, load, capacity };
}

/** The v1 problem object of an index-form problem (for the independent checker). */
export function indexedToProblem(p: IndexedProblem): Problem {
  return {
    tasks: p.taskIds.map((id, t) => ({ id, seats: p.seats[t]! })),
    agents: p.agentIds.map((id, i) => {
      const lc = p.loadCosts[i];
      return { id, capacity: p.capacity[i]!, ...(lc ? { loadCosts: Array.from(lc) } : {}) };
    }),
    arcs: Array.from(p.arcTask, (t, a) => ({
      task: p.taskIds[t]!,
      agent: p.agentIds[p.arcAgent[a]!]!,
      cost: p.arcCost[a]!,
      load: p.arcLoad[a]!,
    })),
    sense: p.sense,
    ...(p.unassignedCost !== null ? { unassignedCost: p.unassignedCost } : {}),
  };
}
