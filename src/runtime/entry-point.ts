/** How a process entry reports a crash on stderr. */
export interface EntryPointOptions {
  /** Print the stack, or only the message. @defaultValue 'stack' */
  readonly detail?: 'stack' | 'message';
}

/**
 * Runs a process's main function and exits with its code; a crash becomes one report on stderr
 * and exit code 1. Entry points call only this, so they stay a few lines each.
 */
export function runEntryPoint(label: string, main: () => Promise<number>, opts: EntryPointOptions = {}): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      const text = err instanceof Error ? ((opts.detail ?? 'stack') === 'stack' ? err.stack : err.message) : String(err);
      process.stderr.write(`${label}: ${text}\n`);
      process.exit(1);
    },
  );
}
