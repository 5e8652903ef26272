import type { FlowNetwork } from './network';
import { CheapestFirst } from './processing-order';
import { ShortestAugmentingPath } from './shortest-augmenting-path';

/**
 * Routing work over a network, possibly shared by two routers (this thread and a worker): each
 * takes the next component in turn (an atomic counter) and writes its flow into the job's arrays,
 * disjoint per component. Shared memory when split across threads.
 */
export interface RoutingJob {
  /** Tasks grouped by component (see `componentSchedule`); each router reorders the ones it takes. */
  readonly tasks: Int32Array;
  readonly start: Int32Array;
  /** Index of the next component to take (one element, advanced with Atomics). */
  readonly next: Int32Array;
  readonly load: Int32Array;
  readonly unfilled: Int32Array;
  /** Flow flag by arc position, -1 = unused. */
  readonly positionSlot: Int32Array;
}

/** The problem arcs this router's flow uses, or the seat no augmenting path could reach. */
export interface RoutingOutcome {
  readonly stuck: { readonly task: number; readonly seat: number } | null;
  /** Problem arc indices carrying flow (empty when stuck). */
  readonly chosen: Int32Array;
}

/** Takes components until none is left, routing every seat of their tasks. */
export function routeComponents(net: FlowNetwork, job: RoutingJob): RoutingOutcome {
  const ssp = new ShortestAugmentingPath(net, job);
  const order = new CheapestFirst(net);
  const components = job.start.length - 1;
  for (let k = Atomics.add(job.next, 0, 1); k < components; k = Atomics.add(job.next, 0, 1)) {
    const from = job.start[k] as number;
    const to = job.start[k + 1] as number;
    ssp.prepareTasks(job.tasks, from, to);
    order.order(job.tasks, from, to);
    for (let i = from; i < to; i++) {
      const t = job.tasks[i] as number;
      for (let s = 0, seats = net.seats[t] as number; s < seats; s++) {
        if (ssp.augmentFrom(t)) continue;
        Atomics.store(job.next, 0, components); // the problem is infeasible: the other router can stop
        return { stuck: { task: t, seat: s }, chosen: new Int32Array(0) };
      }
    }
  }
  return { stuck: null, chosen: chosenArcs(net, ssp) };
}

/** Reads the arcs in use off the agents' lists (cheaper than a pass over every position). */
function chosenArcs(net: FlowNetwork, ssp: ShortestAugmentingPath): Int32Array {
  const { head, slotNext, slotPosition } = ssp.used;
  let count = 0;
  for (let a = 0; a < net.agentCount; a++) for (let s = head[a] as number; s !== -1; s = slotNext[s] as number) count++;
  const chosen = new Int32Array(count);
  let i = 0;
  for (let a = 0; a < net.agentCount; a++) {
    for (let s = head[a] as number; s !== -1; s = slotNext[s] as number) chosen[i++] = net.arcOrder[slotPosition[s] as number] as number;
  }
  return chosen;
}
