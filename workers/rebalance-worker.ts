/**
 * Process entry point: the rebalance worker alone (nightly schedulers and rebalance jobs; see
 * src/runtime/rebalance-worker-main.ts). `node dist/workers/rebalance-worker.js`
 */
import { runEntryPoint } from '../src/runtime/entry-point';
import { rebalanceWorkerMain } from '../src/runtime/rebalance-worker-main';

runEntryPoint('tiaojie rebalance worker', rebalanceWorkerMain, { detail: 'message' });
