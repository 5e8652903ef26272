import { loadTermCost, type IndexedProblem, type IndexedSolution } from '../../src/engine/indexed';

/** Arc indices grouped by task (counting sort): arcs of task t are order[start[t] .. start[t+1]). */
function arcsByTask(p: IndexedProblem): { readonly start: Int32Array; readonly order: Int32Array } {
  const tasks = p.taskIds.length;
  const start = new Int32Array(tasks + 1);
  for (let i = 0; i < p.arcTask.length; i++) start[p.arcTask[i]! + 1]! += 1;
  for (let t = 0; t < tasks; t++) start[t + 1]! += start[t]!;
  const next = start.slice(0, tasks);
  const order = new Int32Array(p.arcTask.length);
  for (let i = 0; i < p.arcTask.length; i++) order[next[p.arcTask[i]!]!++] = i;
  return { start, order };
}

/**
 * The baseline a dispatcher would do by hand: cases in arrival order (task index order), each
 * seat taking the cheapest eligible mediator that still has room and is not already on the case.
 * Not optimal, and it can strand late cases even when a feasible assignment exists; then, if
 * every seat must be filled, it reports `infeasible` with a message saying it was the greedy that
 * got stuck.
 */
export function solveGreedy(p: IndexedProblem): IndexedSolution {
  const { start, order } = arcsByTask(p);
  const better = p.sense === 'min' ? (a: number, b: number) => a < b : (a: number, b: number) => a > b;
  const load = new Float64Array(p.agentIds.length);
  const taken = new Uint8Array(p.arcTask.length);
  const chosen: number[] = [];
  const unfilled = new Int32Array(p.taskIds.length);
  let objective = 0;
  let stranded = 0;
  for (let t = 0; t < p.taskIds.length; t++) {
    for (let seat = 0; seat < p.seats[t]!; seat++) {
      let best = -1;
      for (let k = start[t]!; k < start[t + 1]!; k++) {
        const arc = order[k]!;
        if (taken[arc] || load[p.arcAgent[arc]!]! + p.arcLoad[arc]! > p.capacity[p.arcAgent[arc]!]!) continue;
        if (best < 0 || better(p.arcCost[arc]!, p.arcCost[best]!)) best = arc;
      }
      if (best < 0) {
        unfilled[t] = p.seats[t]! - seat;
        stranded += unfilled[t]!;
        break;
      }
      taken[best] = 1;
      load[p.arcAgent[best]!]! += p.arcLoad[best]!;
      objective += p.arcCost[best]!;
      chosen.push(best);
    }
  }
  const chosenArcs = Int32Array.from(chosen);
  if (stranded > 0 && p.unassignedCost === null) {
    return {
      status: 'infeasible',
      objective: null,
      bound: null,
      chosenArcs,
      unfilled,
      solver: 'greedy',
      message: `greedy found no eligible mediator with room for ${stranded} seat(s); the problem itself may be feasible`,
    };
  }
  objective += stranded * (p.unassignedCost ?? 0);
  load.forEach((l, a) => {
    objective += loadTermCost(p.loadCosts[a] ?? null, l);
  });
  return { status: 'feasible', objective, bound: null, chosenArcs, unfilled, solver: 'greedy' };
}
