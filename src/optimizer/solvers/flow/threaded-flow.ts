import type { IndexedProblem, IndexedSolution } from '../../indexed';
import { flowThread, type FlowThread } from './flow-thread';
import { emptyFlow, flowSolution, infeasible, precheckFeasibility, routeAll, solveUnitLoadFlow } from './min-cost-flow';
import { buildFlowNetwork, PLAIN_MEMORY, type ArrayAllocator } from './network';
import { splitByComponent, taskComponents } from './processing-order';
import { routeShare, type RoutingOutcome } from './route-share';
import { sharedArena, type SharedArena } from './shared-arena';
import { toPortable } from './shared-network';

/** Arcs below which a second thread costs more (start-up, shared copies) than it saves. */
export const THREADED_MIN_ARCS = 500_000;
/** A split is worth it only when no component holds more than this share of the work. */
const MAX_COMPONENT_SHARE = 0.7;

/**
 * The flow engine on two threads: independent components (counties of a province, say) are split
 * into two shares of about equal work, one routed here and one on a worker thread, over one
 * network in shared memory (reused from solve to solve, see `SharedArena`). Each share is an exact min-cost flow of its components, so together
 * they are the optimum. A problem that does not split well, or arrives while another threaded
 * solve holds the shared memory, is solved on this thread alone; if the worker thread fails, the
 * problem is re-solved here.
 */
export async function solveUnitLoadFlowThreaded(
  p: IndexedProblem,
  thread: FlowThread = flowThread,
  arena: SharedArena = sharedArena,
): Promise<IndexedSolution> {
  const impossible = precheckFeasibility(p);
  if (impossible !== null) return infeasible(p, impossible);
  const memory = arena.tryAcquire();
  if (memory === null) return routeAll(p, buildFlowNetwork(p), PLAIN_MEMORY);
  try {
    return await solveShared(p, memory, thread);
  } finally {
    arena.release();
  }
}

async function solveShared(p: IndexedProblem, memory: ArrayAllocator, thread: FlowThread): Promise<IndexedSolution> {
  const net = buildFlowNetwork(p, memory);
  const component = taskComponents(net);
  const shares = splitByComponent(net, component, 2, MAX_COMPONENT_SHARE);
  if (shares === null) return routeAll(p, net, memory, component);
  const all = emptyFlow(net, memory, component, null);
  const remote = thread.route(toPortable(net, memory), { ...all, tasks: shares[1]! }).then(
    (outcome): RoutingOutcome | Error => outcome,
    (error: Error) => error,
  );
  const local = routeShare(net, { ...all, tasks: shares[0]! });
  const far = await remote;
  // The worker's share is half-routed in the shared arrays: start again on this thread.
  if (far instanceof Error) return solveUnitLoadFlow(p);
  return flowSolution(p, all, [local, far]);
}
