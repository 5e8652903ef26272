/** The job lock the resilience deployments use (JOB_LOCK_MS). */
export const JOB_LOCK_MS = 3000;
/** The stalled-check interval they use (STALLED_CHECK_MS). */
export const STALLED_CHECK_MS = 1000;
/** Room for a loaded 2-core machine: process start, solve, polling. */
const MARGIN_MS = 15_000;

/**
 * How long a dead worker's jobs may take to be dispatched by another: JOB_LOCK_MS + one check
 * interval (issue 18: one check marks a job whose lock expired, the next moves it), plus a margin
 * for the new worker's start on a loaded machine.
 */
export function takeoverBound(): { readonly ms: number } {
  return { ms: JOB_LOCK_MS + STALLED_CHECK_MS + MARGIN_MS };
}
