import { readFile } from 'node:fs/promises';
import type { SolverChoice } from '../engine/solve';
import { solve } from '../runtime/threaded-solve';
import { numberFlag, parseArgs, UsageError } from './args';
import { InputError } from './exit-codes';

const SOLVERS: readonly SolverChoice[] = ['auto', 'flow', 'mip'];

/** All of stdin as text (`tiaojie solve -`, e.g. `tiaojie generate … | jq … | tiaojie solve -`). */
async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function readJson(file: string, stdin: NodeJS.ReadableStream): Promise<unknown> {
  const name = file === '-' ? 'stdin' : file;
  let text: string;
  try {
    text = file === '-' ? await readStdin(stdin) : await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read ${name}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(`${name}: malformed JSON: ${(err as Error).message}`);
  }
}

/**
 * `tiaojie solve FILE.json|- [--time-limit S] [--solver auto|flow|mip]`: exit 0 whenever an answer
 * was produced (infeasible is an answer), 1 for a bad problem, 2 for a bad command line.
 */
export async function runSolveCommand(argv: readonly string[], stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const args = parseArgs(argv, ['time-limit', 'solver']);
  const file = args.positionals[0];
  if (!file || args.positionals.length > 1) throw new UsageError('give one problem file, or - for stdin');
  const solver = (args.flags.get('solver') ?? 'auto') as SolverChoice;
  if (!SOLVERS.includes(solver)) throw new UsageError(`--solver must be one of ${SOLVERS.join('|')}, got "${solver}"`);
  const timeLimitSec = numberFlag(args, 'time-limit', 10);
  const solution = await solve(await readJson(file, stdin), { solver, timeLimitSec });
  process.stdout.write(JSON.stringify(solution, null, 2) + '\n');
  return 0;
}
