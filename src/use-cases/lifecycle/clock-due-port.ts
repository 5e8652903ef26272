/**
 * Which cases the legal clock reads at a run (issue 19). Without an index the clock reads every
 * case of the county (`tickAll`); with one it reads only the cases that may have work due
 * (`tickDue`). An index here is the ledger's `clock_due_at` column plus the cases changed since the
 * ledger last copied them (ledger-clock-due.ts).
 */
export interface ClockDueSource {
  /**
   * The cases a tick at `until` may change: every case whose tick at `until` changes its file is
   * among them (more may be). Null when the index cannot tell (changes were lost before it saw
   * them): the clock then reads every case.
   */
  dueCaseIds(until: Date): Promise<readonly string[] | null>;
  /**
   * Records when the clock next has work on cases it read at `readAt` and left unchanged, so a case
   * whose due instant passed with nothing to do (a warning span that closed before the run) is not
   * read again at every run. An entry is ignored where the index moved on since (a newer copy of
   * the case, or a due instant already after `readAt`).
   */
  recheck(cases: readonly ClockRecheck[], readAt: Date): Promise<void>;
}

/** A case the clock read and left unchanged, and when it next has work on it. */
export interface ClockRecheck {
  readonly caseId: string;
  /** The version of the file read; null when the case is gone (no file to read). */
  readonly fileVersion: number | null;
  /** `clockDueAt(file, config, readAt)`; null when no tick will ever change the file (or it is gone). */
  readonly dueAt: Date | null;
}
