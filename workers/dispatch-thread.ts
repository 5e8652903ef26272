/**
 * Worker-thread entry of the dispatch worker's solve threads (loaded by path from
 * src/runtime/start-dispatch-worker.ts); the work is in src/runtime/dispatch-thread-main.ts.
 */
import { runDispatchThread } from '../src/runtime/dispatch-thread-main';

export type { DispatchThreadData } from '../src/runtime/dispatch-thread-main';

runDispatchThread();
