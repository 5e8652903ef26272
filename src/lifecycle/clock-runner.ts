import type { LifecycleEvent } from '../domain/lifecycle-event';
import type { LifecycleConfig } from '../config/lifecycle-config';
import type { LifecycleStore } from './store';
import { systemClock, type Clock } from './time';
import { tickAll } from './use-cases';

export interface ClockRunnerOptions {
  readonly counties: () => Promise<readonly string[]> | readonly string[];
  readonly storeFor: (county: string) => LifecycleStore;
  readonly config: LifecycleConfig;
  /** How often the clock runs. @defaultValue 300000 (5 minutes) */
  readonly intervalMs?: number;
  /** @defaultValue the system clock */
  readonly clock?: Clock;
  readonly onTick?: (county: string, events: readonly LifecycleEvent[]) => void;
  readonly onError?: (err: unknown) => void;
}

/**
 * Runs the legal clock (warnings, overdue events, return to court when the term runs out) for every
 * county at an interval, one run at a time. Returns a stop function that waits for a run in progress.
 */
export function startClockRunner(opts: ClockRunnerOptions): () => Promise<void> {
  const clock = opts.clock ?? systemClock;
  let running: Promise<void> | null = null;
  const run = async () => {
    for (const county of await opts.counties()) {
      const events = await tickAll(opts.storeFor(county), clock(), opts.config);
      opts.onTick?.(county, events);
    }
  };
  const timer = setInterval(() => {
    if (running) return;
    running = run()
      .catch((err: unknown) => opts.onError?.(err))
      .finally(() => {
        running = null;
      });
  }, opts.intervalMs ?? 300_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
