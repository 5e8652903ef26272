import { parentPort } from 'node:worker_threads';
import type { ThreadReply, ThreadRequest } from '../src/runtime/thread-pool';
import { routeComponents, type RoutingJob } from '../src/engine/solvers/flow/route-share';
import { fromPortable, type PortableNetwork } from '../src/engine/solvers/flow/shared-network';

/** Worker-thread entry: a second router over a shared network, one solve per request (see `threaded-flow.ts`). */
export interface RoutingRequest {
  readonly network: PortableNetwork;
  readonly job: RoutingJob;
}

parentPort?.on('message', ({ id, task }: ThreadRequest) => {
  const { network, job } = task as RoutingRequest;
  try {
    const result = routeComponents(fromPortable(network), job);
    parentPort!.postMessage({ id, ok: true, result } satisfies ThreadReply, [result.chosen.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies ThreadReply);
  }
});
