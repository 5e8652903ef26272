import { readFile } from 'node:fs/promises';
import { indexAnyProblem, type SolverChoice } from '../engine/solve';
import { toSolution } from '../engine/indexed';
import { solveIndexed } from '../runtime/threaded-solve';
import { numberFlag, parseArgs, UsageError } from './args';
import { InputError } from './exit-codes';
import { parseJsonBytes, startsWithFormat } from '../engine/json-bytes';

const SOLVERS: readonly SolverChoice[] = ['auto', 'flow', 'mip'];

/** All of stdin (`tiaojie solve -`, e.g. `tiaojie generate … | jq … | tiaojie solve -`). */
async function readStdin(stdin: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

async function readJson(file: string, stdin: NodeJS.ReadableStream): Promise<unknown> {
  const name = file === '-' ? 'stdin' : file;
  let bytes: Buffer;
  try {
    bytes = file === '-' ? await readStdin(stdin) : await readFile(file);
  } catch (err) {
    throw new InputError(`cannot read ${name}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  try {
    // A columnar problem (its writers put `format` first) is read from the bytes into typed
    // columns; anything else by JSON.parse, decoded and parsed in one expression so the text dies with it.
    return startsWithFormat(bytes) ? parseJsonBytes(bytes) : JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new InputError(`${name}: malformed JSON: ${(err as Error).message}`);
  }
}

/**
 * `tiaojie solve FILE.json|- [--time-limit S] [--solver auto|flow|mip]`: the problem in the v1 or
 * the columnar form (`"format": "tiaojie.problem.columnar/1"`); exit 0 whenever an answer was
 * produced (infeasible is an answer), 1 for a bad problem, 2 for a bad command line.
 */
export async function runSolveCommand(argv: readonly string[], stdin: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const args = parseArgs(argv, ['time-limit', 'solver']);
  const file = args.positionals[0];
  if (!file || args.positionals.length > 1) throw new UsageError('give one problem file, or - for stdin');
  const solver = (args.flags.get('solver') ?? 'auto') as SolverChoice;
  if (!SOLVERS.includes(solver)) throw new UsageError(`--solver must be one of ${SOLVERS.join('|')}, got "${solver}"`);
  const timeLimitSec = numberFlag(args, 'time-limit', 10);
  // The parsed document is dropped once the index form is built: a province's columns are
  // hundreds of MB the solve does not need.
  const problem = indexAnyProblem(await readJson(file, stdin));
  const started = performance.now();
  const result = await solveIndexed(problem, { solver, timeLimitSec });
  const solution = toSolution(problem, result, performance.now() - started);
  process.stdout.write(JSON.stringify(solution, null, 2) + '\n');
  return 0;
}
