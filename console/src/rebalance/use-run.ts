import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, apiGet, request } from '../api';
import { failureOf, isFinished, isQueued, LockedRun, type Queued, type Run, type RunFailure, type RunJob } from './run';

/** How often a queued run is asked about, ms. */
const POLL_MS = 1_000;

/** Where one run started from the page is: idle, under way (queued: the job's state), done, or failed. */
export type RunState =
  | { readonly phase: 'idle' }
  | { readonly phase: 'running'; readonly jobState?: string }
  | { readonly phase: 'done'; readonly run: Run }
  | { readonly phase: 'failed'; readonly failure: RunFailure; readonly message: string };

/**
 * Starts a rebalance (POST /v1/rebalance) and follows it to its result: a dry run usually answers
 * with the plan at once; an applying run (and a slow dry run) answers 202 and is polled at its
 * status URL. Leaving the page stops the polling.
 */
export function useRebalanceRun(lang: string): {
  readonly state: RunState;
  readonly start: (dryRun: boolean) => void;
  /** Forgets the result shown (a dry run's plan is stale once an apply starts). */
  readonly reset: () => void;
} {
  const [state, setState] = useState<RunState>({ phase: 'idle' });
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  const follow = useCallback(
    async (queued: Queued): Promise<Run> => {
      for (;;) {
        const job = await apiGet<RunJob>(`${queued.statusUrl}?lang=${lang}`);
        if (!alive.current) throw new Error('left the page');
        if (isFinished(job.state)) {
          if (job.result?.status === 'locked') throw new LockedRun('locked');
          if (job.result) return job.result;
          throw new Error(job.failedReason ?? job.state);
        }
        setState({ phase: 'running', jobState: job.state });
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    },
    [lang],
  );
  const start = useCallback(
    (dryRun: boolean) => {
      setState({ phase: 'running' });
      request<Run | Queued>('POST', `/v1/rebalance?lang=${lang}`, { body: { dryRun } })
        .then((body) => (isQueued(body) ? follow(body) : body))
        .then(
          (run) => alive.current && setState({ phase: 'done', run }),
          (e: unknown) =>
            alive.current &&
            setState({
              phase: 'failed',
              failure: failureOf(e instanceof ApiError || e instanceof LockedRun ? e.status : undefined),
              message: e instanceof Error ? e.message : String(e),
            }),
        );
    },
    [lang, follow],
  );
  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, start, reset };
}
