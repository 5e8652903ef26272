import { parentPort } from 'node:worker_threads';
import { routeComponents, type RoutingJob } from './route-share';
import { fromPortable, type PortableNetwork } from './shared-network';

/** Worker-thread entry: a second router over a shared network, one solve per message (see `threaded-flow.ts`). */
export interface ShareRequest {
  readonly id: number;
  readonly network: PortableNetwork;
  readonly job: RoutingJob;
}

parentPort?.on('message', (request: ShareRequest) => {
  const outcome = routeComponents(fromPortable(request.network), request.job);
  parentPort!.postMessage({ id: request.id, outcome }, [outcome.chosen.buffer as ArrayBuffer]);
});
