import { readFile } from 'node:fs/promises';
import { ProblemValidationError } from '../engine/problem';
import { SolverChoiceError, type SolverChoice } from '../engine/solve';
import { solve } from '../runtime/threaded-solve';
import { numberFlag, parseArgs, UsageError } from './args';

const SOLVERS: readonly SolverChoice[] = ['auto', 'flow', 'mip'];

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file}: malformed JSON: ${(err as Error).message}`);
  }
}

/** `tiaojie solve FILE.json [--time-limit S] [--solver auto|flow|mip]`: exit 0 whenever an answer was produced. */
export async function runSolveCommand(argv: readonly string[]): Promise<number> {
  try {
    const args = parseArgs(argv, ['time-limit', 'solver']);
    const file = args.positionals[0];
    if (!file || args.positionals.length > 1)
      throw new UsageError('usage: tiaojie solve FILE.json [--time-limit SECONDS] [--solver auto|flow|mip]');
    const solver = (args.flags.get('solver') ?? 'auto') as SolverChoice;
    if (!SOLVERS.includes(solver)) throw new UsageError(`--solver must be one of ${SOLVERS.join('|')}, got "${solver}"`);
    const timeLimitSec = numberFlag(args, 'time-limit', 10);
    const solution = await solve(await readJson(file), { solver, timeLimitSec });
    process.stdout.write(JSON.stringify(solution, null, 2) + '\n');
    return 0;
  } catch (err) {
    if (err instanceof ProblemValidationError) {
      const first = err.issues[0];
      process.stderr.write(
        `tiaojie solve: invalid problem: ${first ? `${first.path}: ${first.message}` : err.message}` +
          (err.issues.length > 1 ? ` (and ${err.issues.length - 1} more)` : '') +
          '\n',
      );
      return 1;
    }
    if (err instanceof UsageError || err instanceof SolverChoiceError) {
      process.stderr.write(`tiaojie solve: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
