import type { LifecycleEvent } from '../../domain/lifecycle-event';
import type { LifecycleConfig } from '../../domain/config/lifecycle-config';
import type { SubsidyConfig } from '../../domain/config/subsidy-config';
import { checkBudget, type MonthCases } from './budget';
import type { LifecycleStore } from './lifecycle-port';
import { systemClock, type Clock } from '../../domain/time';
import { tickAll, tickDue } from './lifecycle-commands';
import type { ClockDueSource } from './clock-due-port';
import type { ClosedCaseRetention } from './archive-port';
import { archiveClosedCases, type ArchiveRunSummary, type RetentionPolicy } from './archive-closed-cases';

/** The retention step of each run: closed cases past the policy's period are archived or evicted. */
export interface ClockRetention {
  /**
   * The county's retention policy, one per run: `RedisCaseArchive` without a ledger (closed cases
   * become compact records), `ledgerEviction` with one (they leave Redis once the ledger holds them).
   */
  readonly archiveFor: (county: string) => ClosedCaseRetention;
  readonly policy: RetentionPolicy;
  readonly onArchived?: (county: string, summary: ArchiveRunSummary) => void;
}

export interface ClockRunnerOptions {
  readonly counties: () => Promise<readonly string[]> | readonly string[];
  readonly storeFor: (county: string) => LifecycleStore;
  readonly config: LifecycleConfig;
  /**
   * When given, the clock reads only the cases the county's index names as due (`tickDue`, issue
   * 19 — the ledger's clock_due_at); else it reads every case of the county at each run (`tickAll`).
   * @defaultValue none: every case
   */
  readonly dueSource?: (county: string) => ClockDueSource;
  /** When given, each run also raises subsidy budget warnings. */
  readonly subsidy?: SubsidyConfig;
  /** Where the budget check reads the month's cases. @defaultValue every case file of the store */
  readonly subsidyCases?: (county: string) => MonthCases;
  /** When given, each run ends by archiving closed cases past the retention period. */
  readonly retention?: ClockRetention;
  /** How often the clock runs. @defaultValue 300000 (5 minutes) */
  readonly intervalMs?: number;
  /** When given, each run starts by committing the county's expired proposals (issue 16 — modes). */
  readonly proposals?: (county: string, now: Date) => Promise<unknown>;
  /**
   * When given, each run also moves the county's summonses: reminders before requiredBy, missed and
   * escalated after the grace (issue 17 — summons; `tickSummonses`). Returns the events raised.
   */
  readonly summonses?: (county: string, now: Date) => Promise<readonly unknown[]>;
  /** @defaultValue the system clock */
  readonly clock?: Clock;
  /** After each county's run: the lifecycle events raised, and how many summons events (issue 17). */
  readonly onTick?: (county: string, events: readonly LifecycleEvent[], summonsEvents: number) => void;
  /** A county's run failed; the other counties' runs go on. `county` is absent when listing counties failed. */
  readonly onError?: (err: unknown, county?: string) => void;
}

/**
 * Runs the legal clock (warnings, overdue events, return to court when the term runs out, and
 * subsidy budget warnings when configured, then retention when configured) for every
 * county at an interval, one run at a time. Returns a stop function that waits for a run in progress.
 */
export function startClockRunner(opts: ClockRunnerOptions): () => Promise<void> {
  const clock = opts.clock ?? systemClock;
  let running: Promise<void> | null = null;
  const runCounty = async (county: string) => {
    const store = opts.storeFor(county);
    const now = clock();
    await opts.proposals?.(county, now);
    const due = opts.dueSource?.(county);
    const events = due ? await tickDue(store, due, now, opts.config) : await tickAll(store, now, opts.config);
    if (opts.subsidy) events.push(...(await checkBudget(store, now, opts.subsidy, opts.subsidyCases?.(county))));
    const summoned = (await opts.summonses?.(county, now))?.length ?? 0;
    opts.onTick?.(county, events, summoned);
    const r = opts.retention;
    if (r) r.onArchived?.(county, await archiveClosedCases(store, r.archiveFor(county), now, r.policy));
  };
  const run = async () => {
    // One county's failure (a bad record, a script error) must not stop the clock of the others.
    for (const county of await opts.counties()) {
      await runCounty(county).catch((err: unknown) => opts.onError?.(err, county));
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
