import { projectOutbox, type LedgerProjectionDeps, type ProjectionSummary } from './project-outbox';

export interface LedgerProjectorOptions {
  readonly counties: () => Promise<readonly string[]> | readonly string[];
  readonly depsFor: (county: string) => LedgerProjectionDeps;
  /** Pause between passes over the counties when a pass found nothing to copy. @defaultValue 250 */
  readonly idleMs?: number;
  /** After each county's pass that copied something. */
  readonly onProjected?: (county: string, summary: ProjectionSummary) => void;
  /** A county's pass failed (PostgreSQL or Redis away): the others go on, it is retried next pass. */
  readonly onError?: (err: unknown, county?: string) => void;
}

/**
 * Copies every county's outbox into the ledger, pass after pass, until stopped. A pass that copied
 * anything is followed at once by the next (the ledger catches up at full speed); an idle pass
 * waits `idleMs`. Returns a stop function that waits for the pass in progress.
 */
export function startLedgerProjector(opts: LedgerProjectorOptions): () => Promise<void> {
  let stopped = false;
  let wake: (() => void) | null = null;
  const pass = async (): Promise<boolean> => {
    let busy = false;
    let counties: readonly string[] = [];
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
      if (await pass()) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, opts.idleMs ?? 250);
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
