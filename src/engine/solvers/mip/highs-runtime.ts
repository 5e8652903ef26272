import type { Highs } from 'highs';

/**
 * One HiGHS WebAssembly runtime per process, loaded on first use. A WASM instance that aborted
 * (e.g. out of memory) is left unusable, so callers drop it with `discardHighs` after a failure
 * and the next call loads a fresh one.
 */
let runtime: Promise<Highs> | null = null;

export function loadHighs(): Promise<Highs> {
  if (!runtime) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loader = require('highs') as (options?: object) => Promise<Highs>;
    runtime = loader().catch((err: unknown) => {
      runtime = null;
      throw err;
    });
  }
  return runtime;
}

/** Forgets the cached runtime (after an abort or a thrown native error). */
export function discardHighs(): void {
  runtime = null;
}

/**
 * Largest linear memory the HiGHS build can grow to (its compiled heap maximum is 2 GiB);
 * models are refused well below it, see `estimateHighsBytes`.
 */
export const HIGHS_HEAP_MAX_BYTES = 2 * 1024 ** 3;
