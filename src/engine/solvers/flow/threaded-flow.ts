import type { IndexedProblem, IndexedSolution } from '../../indexed';
import { emptyFlow, flowSolution, infeasible, precheckFeasibility, routeAll, solveUnitLoadFlow } from './min-cost-flow';
import { buildFlowNetwork, PLAIN_MEMORY, type ArrayAllocator } from './network';
import { componentSchedule, taskComponents } from './processing-order';
import { routeComponents, type RoutingJob, type RoutingOutcome } from './route-share';
import { sharedArena, type SharedArena } from './shared-arena';
import { toPortable, type PortableNetwork } from './shared-network';

/** Arcs below which a second thread costs more (start-up, shared copies) than it saves. */
export const THREADED_MIN_ARCS = 500_000;
/** A second router helps only when no component holds more than this share of the work. */
const MAX_COMPONENT_SHARE = 0.75;

/**
 * A second router: routes components of a shared network until none is left (see `route-share.ts`).
 * The engine starts no threads itself; the runtime injects one (`runtime/flow-thread.ts`).
 */
export interface ComponentRouter {
  route(network: PortableNetwork, job: RoutingJob): Promise<RoutingOutcome>;
}

/**
 * The flow engine on two threads: independent components (counties of a province, say) are
 * routed by this thread and a worker thread at once, each taking the next component in turn
 * (heaviest first, so both end together), over one network in shared memory (reused from solve
 * to solve, see `SharedArena`). Each component's flow is an exact min-cost flow, so together they
 * are the optimum. A problem dominated by one component, or arriving while another threaded solve
 * holds the shared memory, is routed on this thread alone; if the worker thread fails, the problem
 * is re-solved here.
 */
export async function solveUnitLoadFlowThreaded(
  p: IndexedProblem,
  thread: ComponentRouter,
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

async function solveShared(p: IndexedProblem, memory: ArrayAllocator, thread: ComponentRouter): Promise<IndexedSolution> {
  const net = buildFlowNetwork(p, memory);
  const schedule = componentSchedule(net, taskComponents(net), memory);
  if (schedule.largestShare > MAX_COMPONENT_SHARE) return routeAll(p, net, memory, schedule);
  const job = emptyFlow(net, memory, schedule);
  const remote = thread.route(toPortable(net, memory), job).then(
    (outcome): RoutingOutcome | Error => outcome,
    (error: Error) => error,
  );
  const local = routeComponents(net, job);
  const far = await remote;
  // Components the worker took are half-routed in the shared arrays: start again on this thread.
  if (far instanceof Error) return solveUnitLoadFlow(p);
  return flowSolution(p, job, [local, far]);
}
