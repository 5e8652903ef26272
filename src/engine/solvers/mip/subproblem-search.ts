import type { IndexedProblem } from '../../indexed';
import { branchAndBound } from './branch-and-bound';
import { cheapestArcs } from './core-problem';
import type { Incumbent } from './improve';
import type { Rng } from './local-search';
import { hasIntegralLoads, isClassicGap, toMinForm, type MinForm } from './min-form';
import { itemAt } from '../../../domain/indexed-access';

/** True for GAPs this search handles: one seat per task, every seat filled, no load costs, integral loads (our branch-and-bound's shape). */
export function fitsSubproblemSearch(f: MinForm): boolean {
  return isClassicGap(f) && hasIntegralLoads(f);
}

export interface SubproblemSearchOptions {
  readonly deadlineMs: number;
  readonly rng: Rng;
  /** Stop once the cost reaches this (a proven bound). */
  readonly target: number;
  /**
   * Agents whose tasks are freed together: from the first while that pays, up to the second.
   * @defaultValue 3 and 8 (5 agents at once was worse on type D 40×400)
   */
  readonly minAgents?: number;
  readonly maxAgents?: number;
  /** Multipliers of the load rows: a freed task may only go to its `width` agents of least reduced cost c + μ·load (or stay). */
  readonly mu: Float64Array;
  /** @defaultValue 3 (unrestricted: no gain, slower subproblems) */
  readonly width?: number;
}

/** A subproblem may take at most this long (ms); whatever better assignment was found by then is still used. */
const SUB_MS = 200;
/** Subproblems in a row without a cheaper assignment after which one more agent is freed (or, at the most, a kick). */
const IDLE_LIMIT = 50;
/** Relative spread of the kick's cost noise. */
const NOISE = 0.2;
/** Odds every agent keeps of joining a related set, so any set can come up. */
const RELATED_FLOOR = 0.5;

/**
 * Variable large-neighbourhood search with exact re-optimisation (after Mitrović-Minić and
 * Punnen's very large-scale variable neighbourhood search for the GAP): free every task of k
 * related agents, keep all other tasks where they are, and solve the GAP of the freed tasks —
 * each allowed its `width` best agents by reduced cost — on the capacity left over with our
 * branch-and-bound, started from their current agents; keep the result when cheaper. These are
 * moves the tabu search's shifts, swaps and two-step chains cannot make: many tasks across
 * several agents at once. k starts at minAgents and grows by one after IDLE_LIMIT fruitless
 * subproblems; past maxAgents one subproblem is solved with noisy costs (a kick out of the
 * local optimum) and k starts over, as it does after every gain. Returns the best assignment met.
 */
export function subproblemSearch(f: MinForm, start: Incumbent, o: SubproblemSearchOptions): Incumbent {
  const { p, cost } = f;
  const n = p.taskIds.length;
  const m = p.agentIds.length;
  const arcOf = Int32Array.from(start.slots);
  const allowed = allowedArcs(f, o.mu, o.width ?? 3);
  // Seat-row multipliers per task, carried from one subproblem to the next: a warm start for
  // the root bound, which is most of a subproblem's cost (type D 40×400: 1.3 nodes on average).
  const lambda = taskPrices(f, o.mu);
  const load = new Float64Array(m);
  for (let t = 0; t < n; t++) (load[p.arcAgent[arcOf[t] as number] as number] as number) += p.arcLoad[arcOf[t] as number] as number;
  let total = start.cost;
  const best: Incumbent = { slots: arcOf.slice(), cost: total };
  let tries = 0;
  let idle = 0;
  const kMin = Math.min(m, o.minAgents ?? 3);
  const kMax = Math.min(m, Math.max(kMin, o.maxAgents ?? 8));
  // Larger problems have more distinct agent sets to try at each size.
  const idleLimit = Math.max(IDLE_LIMIT, m);
  let k = kMin;
  while (best.cost > o.target + 1e-9) {
    const now = performance.now();
    if (now >= o.deadlineMs) break;
    tries++;
    let kick = false;
    if (idle >= idleLimit) {
      idle = 0;
      if (k < kMax) k++;
      else {
        kick = true;
        k = kMin;
      }
    }
    const agents = relatedAgents(f, arcOf, k, o.rng, allowed);
    const tasks: number[] = [];
    for (let t = 0; t < n; t++) if (agents.includes(p.arcAgent[arcOf[t] as number] as number)) tasks.push(t);
    const sub = subproblem(f, arcOf, load, tasks, allowed, kick ? NOISE : 0, o.rng);
    const out = branchAndBound(sub.f, sub.start, {
      deadlineMs: Math.min(o.deadlineMs, now + SUB_MS),
      seed: tries,
      rootIterations: 200,
      rootLambda: Float64Array.from(tasks, (t) => lambda[t] as number),
    });
    if (!kick) for (let q = 0; q < tasks.length; q++) lambda[itemAt(tasks, q)] = out.rootLambda[q] as number;
    if (!out.best || out.best.cost >= sub.start.cost - 1e-9) {
      idle++;
      continue;
    }
    const before = total;
    for (let q = 0; q < tasks.length; q++) {
      const t = itemAt(tasks, q);
      const a = sub.arcs[out.best.slots[q] as number] as number;
      (load[p.arcAgent[arcOf[t] as number] as number] as number) -= p.arcLoad[arcOf[t] as number] as number;
      (load[p.arcAgent[a] as number] as number) += p.arcLoad[a] as number;
      total += (cost[a] as number) - (cost[arcOf[t] as number] as number);
      arcOf[t] = a;
    }
    if (total < before - 1e-9) {
      idle = 0;
      k = kMin;
    } else idle++;
    if (total < best.cost - 1e-9) {
      best.slots = arcOf.slice();
      best.cost = total;
    }
  }
  return best;
}

/**
 * `count` related agents, sorted: the first at random, each next one drawn with odds by how
 * many tasks of those drawn so far may move to it, so their tasks can trade places.
 */
function relatedAgents(f: MinForm, arcOf: Int32Array, count: number, rng: Rng, allowed: Uint8Array): number[] {
  const { p, taskStart, taskArcs } = f;
  const n = p.taskIds.length;
  const m = p.agentIds.length;
  const odds = new Float64Array(m);
  const inSet = new Uint8Array(m);
  let i = Math.floor(rng() * m);
  for (let k = 0; k < count && k < m; k++) {
    inSet[i] = 1;
    for (let t = 0; t < n; t++) {
      if (p.arcAgent[arcOf[t] as number] !== i) continue;
      for (let q = taskStart[t] as number; q < (taskStart[t + 1] as number); q++) {
        const a = taskArcs[q] as number;
        if (allowed[a]) (odds[p.arcAgent[a] as number] as number)++;
      }
    }
    let sum = 0;
    for (let j = 0; j < m; j++) if (!inSet[j]) sum += (odds[j] as number) + RELATED_FLOOR;
    let r = rng() * sum;
    for (let j = 0; j < m; j++) {
      if (inSet[j]) continue;
      i = j;
      r -= (odds[j] as number) + RELATED_FLOOR;
      if (r < 0) break;
    }
  }
  const agents: number[] = [];
  for (let j = 0; j < m; j++) if (inSet[j]) agents.push(j);
  return agents;
}

interface Subproblem {
  readonly f: MinForm;
  /** Arc of the whole problem for each arc of the subproblem. */
  readonly arcs: Int32Array;
  readonly start: Incumbent;
}

/** The GAP of `tasks` on the capacity the other tasks leave, with their current agents as start. */
function subproblem(
  f: MinForm,
  arcOf: Int32Array,
  load: Float64Array,
  tasks: readonly number[],
  allowed: Uint8Array,
  noise: number,
  rng: Rng,
): Subproblem {
  const { p, taskStart, taskArcs, cost } = f;
  const m = p.agentIds.length;
  const room = new Float64Array(m);
  for (let i = 0; i < m; i++) room[i] = (p.capacity[i] as number) - (load[i] as number);
  for (const t of tasks) (room[p.arcAgent[arcOf[t] as number] as number] as number) += p.arcLoad[arcOf[t] as number] as number;
  const arcs: number[] = [];
  const subTask: number[] = [];
  const subCost: number[] = [];
  const startSlots = new Int32Array(tasks.length);
  let startCost = 0;
  for (let q = 0; q < tasks.length; q++) {
    const t = itemAt(tasks, q);
    for (let k = taskStart[t] as number; k < (taskStart[t + 1] as number); k++) {
      const a = taskArcs[k] as number;
      if ((!allowed[a] && a !== arcOf[t]) || (p.arcLoad[a] as number) > (room[p.arcAgent[a] as number] as number)) continue;
      if (a === arcOf[t]) startSlots[q] = arcs.length;
      arcs.push(a);
      subTask.push(q);
      subCost.push(noise > 0 ? (cost[a] as number) * (1 + noise * (rng() - 0.5)) : (cost[a] as number));
    }
    startCost += itemAt(subCost, startSlots[q] as number);
  }
  const sub: IndexedProblem = {
    taskIds: tasks.map(String),
    seats: new Int32Array(tasks.length).fill(1),
    agentIds: p.agentIds,
    capacity: room,
    loadCosts: p.loadCosts,
    arcTask: Int32Array.from(subTask),
    arcAgent: Int32Array.from(arcs, (a) => p.arcAgent[a] as number),
    arcCost: Float64Array.from(subCost),
    arcLoad: Float64Array.from(arcs, (a) => p.arcLoad[a] as number),
    sense: 'min',
    unassignedCost: null,
  };
  return { f: toMinForm(sub), arcs: Int32Array.from(arcs), start: { slots: startSlots, cost: startCost } };
}

/** Per task, its least c + μ·load: the seat-row multiplier of the capacity relaxation. */
function taskPrices(f: MinForm, mu: Float64Array): Float64Array {
  const { p, cost, taskStart, taskArcs } = f;
  const out = new Float64Array(p.taskIds.length);
  for (let t = 0; t < out.length; t++) {
    let v = Infinity;
    for (let k = taskStart[t] as number; k < (taskStart[t + 1] as number); k++)
      v = Math.min(
        v,
        (cost[taskArcs[k] as number] as number) +
          (mu[p.arcAgent[taskArcs[k] as number] as number] as number) * (p.arcLoad[taskArcs[k] as number] as number),
      );
    out[t] = v;
  }
  return out;
}

/** Per task, flags its `width` arcs of least reduced cost. */
function allowedArcs(f: MinForm, mu: Float64Array, width: number): Uint8Array {
  const allowed = new Uint8Array(f.p.arcTask.length);
  for (const a of cheapestArcs(f, mu, width).arcs) allowed[a] = 1;
  return allowed;
}
