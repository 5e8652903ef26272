import { ConfigSchema } from '../../../src/runtime/env';

/** The job lock the resilience deployments use (JOB_LOCK_MS). */
export const JOB_LOCK_MS = 3000;
/** The stalled-check interval they ask for (STALLED_CHECK_MS). */
export const STALLED_CHECK_MS = 1000;
/** BullMQ's stalled-check interval when the service does not let it be set. */
const BULLMQ_DEFAULT_STALLED_MS = 30_000;
/** Room for a loaded 2-core machine: process start, solve, polling. */
const MARGIN_MS = 15_000;

/**
 * How long a dead worker's jobs may take to be dispatched by another: JOB_LOCK_MS + one check
 * interval (issue 18), plus a margin (the new worker's start on a loaded machine). Until the service
 * reads STALLED_CHECK_MS (the stalled-takeover work of issue 18), workers check every 30 s and a job
 * can wait three checks — the dead worker's last check still rate-limits the new one's first, then
 * one check marks the job and the next moves it (measured 61–93 s) — so that bound applies instead,
 * and `strict` says which one did.
 */
export function takeoverBound(): { readonly ms: number; readonly strict: boolean } {
  const strict = 'STALLED_CHECK_MS' in ConfigSchema.shape;
  return strict
    ? { ms: JOB_LOCK_MS + STALLED_CHECK_MS + MARGIN_MS, strict }
    : { ms: JOB_LOCK_MS + 3 * BULLMQ_DEFAULT_STALLED_MS + MARGIN_MS, strict };
}
