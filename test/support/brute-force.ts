import type { Problem } from '../../src/engine/problem';
import { verifySolution } from '../../src/engine/verify';

/**
 * Exhaustive optimum of a tiny v1 problem: every subset of arcs is tried (≤ ~16 arcs), the
 * feasible ones scored by the independent checker. A second solver that shares nothing with ours.
 */
export function bruteForceOptimum(problem: Problem): number | null {
  const arcs = problem.arcs;
  if (arcs.length > 18) throw new Error('bruteForceOptimum is for tiny problems');
  let best: number | null = null;
  const sign = problem.sense === 'max' ? -1 : 1;
  for (let mask = 0; mask < 1 << arcs.length; mask++) {
    const assignments = arcs.filter((_, i) => mask & (1 << i)).map((a) => ({ task: a.task, agent: a.agent }));
    const count = new Map<string, number>();
    for (const a of assignments) count.set(a.task, (count.get(a.task) ?? 0) + 1);
    const unassigned = problem.tasks.map((t) => ({ task: t.id, seats: t.seats - (count.get(t.id) ?? 0) })).filter((u) => u.seats > 0);
    const verdict = verifySolution(problem, { assignments, unassigned });
    if (!verdict.feasible) continue;
    if (best === null || sign * verdict.objective < sign * best) best = verdict.objective;
  }
  return best;
}
