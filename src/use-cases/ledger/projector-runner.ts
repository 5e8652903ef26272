import { projectOutbox, type LedgerProjectionDeps, type ProjectionSummary } from './project-outbox';

export interface LedgerProjectorOptions {
  readonly counties: () => Promise<readonly string[]> | readonly string[];
  readonly depsFor: (county: string) => LedgerProjectionDeps;
  /**
   * The installation's own outbox (user accounts: project-users.ts), copied at every pass before the
   * counties; resolves to the entries it copied. @defaultValue none
   */
  readonly installation?: () => Promise<number>;
  /** Pause between passes over the counties when a pass found nothing to copy. @defaultValue 250 */
  readonly idleMs?: number;
  /**
   * Pause after a pass that copied something: changes to the same case gather into one copy, and the
   * ledger's work leaves room to the dispatch and the API on a busy machine. @defaultValue 100
   */
  readonly busyPauseMs?: number;
  /** After each county's pass that copied something. */
  readonly onProjected?: (county: string, summary: ProjectionSummary) => void;
  /** A county's pass failed (PostgreSQL or Redis away): the others go on, it is retried next pass. */
  readonly onError?: (err: unknown, county?: string) => void;
}

/**
 * Copies every county's outbox into the ledger, pass after pass, until stopped: a short pause after
 * a pass that copied something (`busyPauseMs`), a longer one after an idle pass (`idleMs`). Returns a stop function that waits for the pass in progress.
 */
export function startLedgerProjector(opts: LedgerProjectorOptions): () => Promise<void> {
  let stopped = false;
  let wake: (() => void) | null = null;
  const pass = async (): Promise<boolean> => {
    let busy = false;
    let counties: readonly string[] = [];
    try {
      if (opts.installation && (await opts.installation()) > 0) busy = true;
    } catch (err) {
      opts.onError?.(err);
    }
    try {
      counties = await opts.counties();
    } catch (err) {
      opts.onError?.(err);
    }
    for (const county of counties) {
      if (stopped) break;
      try {
        const summary = await projectOutbox(opts.depsFor(county));
        if (summary.entries > 0 || summary.recopied) {
          busy = true;
          opts.onProjected?.(county, summary);
        }
      } catch (err) {
        opts.onError?.(err, county);
      }
    }
    return busy;
  };
  const loop = (async () => {
    while (!stopped) {
      const busy = await pass();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, busy ? (opts.busyPauseMs ?? 100) : (opts.idleMs ?? 250));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();
  return async () => {
    stopped = true;
    wake?.();
    await loop;
  };
}
