import type { FlowNetwork } from './network';
import { processingOrder } from './processing-order';
import { ShortestAugmentingPath } from './shortest-augmenting-path';

/** A share of the tasks to route, with where the results go (shared memory when split across threads). */
export interface RoutingJob {
  /** Component of every task (see `taskComponents`). */
  readonly component: Int32Array;
  /** The tasks of this share: whole components. Null = every task. */
  readonly tasks: Int32Array | null;
  readonly load: Int32Array;
  readonly unfilled: Int32Array;
  /** Flow flag by arc position, -1 = unused. */
  readonly positionSlot: Int32Array;
}

/** The problem arcs the share's flow uses, or the seat no augmenting path could reach. */
export interface RoutingOutcome {
  readonly stuck: { readonly task: number; readonly seat: number } | null;
  /** Problem arc indices carrying flow (empty when stuck). */
  readonly chosen: Int32Array;
}

/** Routes every seat of the share's tasks, in processing order, writing flow into the job's arrays. */
export function routeShare(net: FlowNetwork, job: RoutingJob): RoutingOutcome {
  const order = processingOrder(net, job.component, job.tasks ?? undefined);
  const ssp = new ShortestAugmentingPath(net, { tasks: order, load: job.load, unfilled: job.unfilled, positionSlot: job.positionSlot });
  for (const t of order) {
    for (let s = 0, seats = net.seats[t]!; s < seats; s++) {
      if (!ssp.augmentFrom(t)) return { stuck: { task: t, seat: s }, chosen: new Int32Array(0) };
    }
  }
  return { stuck: null, chosen: chosenArcs(net, ssp) };
}

/** Reads the arcs in use off the agents' lists (cheaper than a pass over every position). */
function chosenArcs(net: FlowNetwork, ssp: ShortestAugmentingPath): Int32Array {
  const { head, slotNext, slotPosition } = ssp.used;
  let count = 0;
  for (let a = 0; a < net.agentCount; a++) for (let s = head[a]!; s !== -1; s = slotNext[s]!) count++;
  const chosen = new Int32Array(count);
  let i = 0;
  for (let a = 0; a < net.agentCount; a++) {
    for (let s = head[a]!; s !== -1; s = slotNext[s]!) chosen[i++] = net.arcOrder[slotPosition[s]!]!;
  }
  return chosen;
}
