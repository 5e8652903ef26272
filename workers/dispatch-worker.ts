/**
 * Process entry point: the service's workers without the API (same as `tiaojie worker`): dispatch,
 * rebalance (on demand and nightly), webhook relay and sender, legal clock.
 */
import { runEntryPoint } from '../src/runtime/entry-point';
import { workerMain } from '../src/runtime/service-main';

runEntryPoint('tiaojie worker', () => workerMain(process.argv.slice(2)));
