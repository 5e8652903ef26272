import { parentPort } from 'node:worker_threads';
import { routeShare, type RoutingJob } from './route-share';
import { fromPortable, type PortableNetwork } from './shared-network';

/** Worker-thread entry: routes one share of a split network per message (see `flow-threads.ts`). */
export interface ShareRequest {
  readonly id: number;
  readonly network: PortableNetwork;
  readonly job: RoutingJob;
}

parentPort?.on('message', (request: ShareRequest) => {
  const outcome = routeShare(fromPortable(request.network), request.job);
  parentPort!.postMessage({ id: request.id, outcome }, [outcome.chosen.buffer as ArrayBuffer]);
});
