import type { IndexedProblem } from '../../indexed';
import { GapState, UNFILLED } from './gap-state';
import { runHighs } from './highs';
import type { Incumbent } from './improve';
import type { Rng } from './local-search';
import { toMinForm, type MinForm } from './min-form';

/**
 * Large-neighbourhood search over agent subsets: free every seat held by k agents, re-solve
 * that sub-problem exactly with HiGHS (the current placement is its MIP start, so it never gets
 * worse) and keep improvements. A sub-problem holds all the load of its agents, so load costs
 * and capacities are exact in it; a task's seats outside the subset keep their agents, which
 * the subset cannot contain, so distinctness is preserved.
 */
function subsetProblem(s: GapState, agents: readonly number[]): { sub: IndexedProblem; slots: number[]; arcMap: number[] } {
  const { p } = s.f;
  const inSet = new Map<number, number>();
  agents.forEach((i, k) => inSet.set(i, k));
  const slotsOfTask = new Map<number, number[]>();
  for (let slot = 0; slot < s.slotArc.length; slot++) {
    const a = s.slotArc[slot]!;
    if (a === UNFILLED || !inSet.has(p.arcAgent[a]!)) continue;
    const t = s.slotTask[slot]!;
    (slotsOfTask.get(t) ?? slotsOfTask.set(t, []).get(t)!).push(slot);
  }
  const tasks = [...slotsOfTask.keys()];
  const slots: number[] = [];
  const arcTask: number[] = [];
  const arcAgent: number[] = [];
  const arcMap: number[] = [];
  tasks.forEach((t, q) => {
    slots.push(...slotsOfTask.get(t)!);
    for (let k = s.f.taskStart[t]!; k < s.f.taskStart[t + 1]!; k++) {
      const a = s.f.taskArcs[k]!;
      const local = inSet.get(p.arcAgent[a]!);
      if (local === undefined) continue;
      arcTask.push(q);
      arcAgent.push(local);
      arcMap.push(a);
    }
  });
  const sub: IndexedProblem = {
    taskIds: tasks.map((t) => p.taskIds[t]!),
    seats: Int32Array.from(tasks, (t) => slotsOfTask.get(t)!.length),
    agentIds: agents.map((i) => p.agentIds[i]!),
    capacity: Float64Array.from(agents, (i) => p.capacity[i]!),
    loadCosts: agents.map((i) => p.loadCosts[i]!),
    arcTask: Int32Array.from(arcTask),
    arcAgent: Int32Array.from(arcAgent),
    arcCost: Float64Array.from(arcMap, (a) => p.arcCost[a]!),
    arcLoad: Float64Array.from(arcMap, (a) => p.arcLoad[a]!),
    sense: p.sense,
    unassignedCost: null,
  };
  return { sub, slots, arcMap };
}

/** k agents: a random one, then agents that are cheap alternatives for the tasks already picked. */
function pickAgents(s: GapState, mu: Float64Array, k: number, rng: Rng): number[] {
  const { p, cost } = s.f;
  const m = p.agentIds.length;
  const chosen = [Math.floor(rng() * m)];
  const score = new Float64Array(m);
  while (chosen.length < Math.min(k, m)) {
    score.fill(0);
    const last = chosen[chosen.length - 1]!;
    for (let slot = 0; slot < s.slotArc.length; slot++) {
      const a = s.slotArc[slot]!;
      if (a === UNFILLED || p.arcAgent[a] !== last) continue;
      const t = s.slotTask[slot]!;
      const here = cost[a]! + mu[last]! * p.arcLoad[a]!;
      for (let q = s.f.taskStart[t]!; q < s.f.taskStart[t + 1]!; q++) {
        const b = s.f.taskArcs[q]!;
        const i = p.arcAgent[b]!;
        const gain = here - (cost[b]! + mu[i]! * p.arcLoad[b]!);
        score[i] += Math.exp(Math.max(-20, Math.min(20, gain / (1 + Math.abs(here)) * 10)));
      }
    }
    for (const i of chosen) score[i] = 0;
    let total = 0;
    for (let i = 0; i < m; i++) total += score[i]!;
    let next = Math.floor(rng() * m);
    if (total > 0) {
      let r = rng() * total;
      for (let i = 0; i < m; i++) if ((r -= score[i]!) <= 0) { next = i; break; }
    }
    if (!chosen.includes(next)) chosen.push(next);
    else if (chosen.length < m) chosen.push(((next + 1 + Math.floor(rng() * (m - 1))) % m));
  }
  return [...new Set(chosen)];
}

/** Per sub-problem HiGHS limit: improvements, not proofs, are wanted here. */
const SUB_LIMIT_SEC = 0.15;

export async function agentSubsetSearch(
  f: MinForm, best: Incumbent, mu: Float64Array, deadline: number, rng: Rng, target: number,
): Promise<void> {
  const s = new GapState(f);
  s.setSlots(best.slots);
  const m = f.p.agentIds.length;
  let k = Math.min(m, 4);
  const stats = { iters: 0, improved: 0, statuses: {} as Record<string, number>, subTasks: 0 };
  while (performance.now() < deadline - 20 && best.cost > target + 1e-9) {
    const agents = pickAgents(s, mu, k, rng);
    const { sub, slots, arcMap } = subsetProblem(s, agents);
    if (sub.taskIds.length === 0) continue;
    const startLocal: number[] = [];
    arcMap.forEach((a, local) => {
      if (slots.some((slot) => s.slotArc[slot] === a)) startLocal.push(local);
    });
    const left = (deadline - performance.now()) / 1000;
    const out = await runHighs(toMinForm(sub), { timeLimitSec: Math.min(left, SUB_LIMIT_SEC), start: Int32Array.from(startLocal), highsOptions: { presolve: 'off' } });
    const h = out.solution;
    stats.iters++;
    stats.subTasks += sub.taskIds.length;
    stats.statuses[h.status] = (stats.statuses[h.status] ?? 0) + 1;
    if (h.objective === null) continue;
    // Write the sub-solution back seat by seat (slots of a task in any order).
    const before = s.cost;
    const byTask = new Map<number, number[]>();
    for (const local of h.chosenArcs) {
      const a = arcMap[local]!;
      const t = f.p.arcTask[a]!;
      (byTask.get(t) ?? byTask.set(t, []).get(t)!).push(a);
    }
    for (const slot of slots) s.assign(slot, UNFILLED);
    for (const slot of slots) {
      const list = byTask.get(s.slotTask[slot]!);
      s.assign(slot, list && list.length > 0 ? list.pop()! : UNFILLED);
    }
    s.recompute();
    if (s.feasible() && s.cost < best.cost - 1e-9) {
      best.slots = s.slotArc.slice();
      best.cost = s.cost;
      stats.improved++;
    } else if (!s.feasible() || s.cost > before + 1e-9) {
      s.setSlots(best.slots);
    }
    // Larger subsets when sub-problems solve to optimality quickly.
    if (h.status === 'optimal' && k < Math.min(m, 12) && rng() < 0.2) k++;
    else if (h.status !== 'optimal' && k > 2) k--;
  }
  if (process.env['GAP_DEBUG']) console.error('lns', JSON.stringify(stats), 'k', k, 'best', best.cost);
}
