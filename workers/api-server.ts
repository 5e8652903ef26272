/** Process entry point: the HTTP API (same as `tiaojie serve`; pass --with-worker for both). */
import { runEntryPoint } from '../src/runtime/entry-point';
import { serveMain } from '../src/runtime/service-main';

runEntryPoint('tiaojie serve', () => serveMain(process.argv.slice(2)));
