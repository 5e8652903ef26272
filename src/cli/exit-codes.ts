import { AppError } from '../domain/errors';
import { ProblemValidationError } from '../engine/problem';
import { SolverChoiceError } from '../engine/solve';
import { UsageError } from './args';
import { helpHint } from './usage';

/**
 * The exit codes every command shares: 0 done, 1 the input (a file, stdin, what it holds) is bad,
 * 2 the command line is wrong. Scripts can tell "fix the data" from "fix the call".
 */
export const EXIT = { ok: 0, badInput: 1, usage: 2 } as const;

/** Input a command was given to read (a file, stdin) is missing, unreadable or malformed: exit 1. */
export class InputError extends AppError {
  override readonly name = 'InputError';
  constructor(message: string) {
    super('validation_failed', message);
  }
}

/** A file system failure (ENOENT, EACCES, EISDIR, …) of reading or writing a path the user named. */
function isFileError(err: unknown): err is NodeJS.ErrnoException {
  const e = err as NodeJS.ErrnoException | undefined;
  return typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code) && typeof e.syscall === 'string';
}

/**
 * Runs a command and turns its expected failures into one line on stderr and the shared exit code;
 * anything else is a bug and goes on to the launcher (which prints it with its stack).
 */
export async function withExitCodes(command: string, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (err) {
    const code = exitCodeOf(err);
    if (code === undefined) throw err;
    process.stderr.write(`tiaojie ${command}: ${messageOf(err)}${code === EXIT.usage ? ` ${helpHint(command)}` : ''}\n`);
    return code;
  }
}

/** The exit code of an expected failure; undefined for a bug. */
function exitCodeOf(err: unknown): number | undefined {
  if (err instanceof UsageError || err instanceof SolverChoiceError) return EXIT.usage;
  if (err instanceof InputError || err instanceof ProblemValidationError || isFileError(err)) return EXIT.badInput;
  return undefined;
}

/** One line saying what was wrong. */
function messageOf(err: unknown): string {
  if (err instanceof ProblemValidationError) {
    const first = err.issues[0];
    const more = err.issues.length > 1 ? ` (and ${err.issues.length - 1} more)` : '';
    return `invalid problem: ${first ? `${first.path}: ${first.message}` : err.message}${more}`;
  }
  if (isFileError(err)) return `cannot ${err.syscall ?? 'use'} ${err.path ?? 'a file'}: ${err.code ?? ''}`;
  return (err as Error).message;
}
