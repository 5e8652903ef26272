import { runSolveCommand } from './solve-command';
import { runDemoCommand } from './demo-command';
import { runGenerateCommand } from './generate-command';

const USAGE = `usage: tiaojie <command> [options]

commands:
  solve FILE.json [--time-limit SECONDS] [--solver auto|flow|mip]
      Solve a v1 assignment problem (see README) and print the solution JSON on stdout.
  demo [--seed N] [--days N] [--out FILE.json]
      Simulate a county's days of referrals, dispatch them in memory (no Redis), print a summary
      and write a JSON report (default reports/demo-<seed>.json).
  generate [--seed N] [--days N] [--start YYYY-MM-DD] [--out FILE.json] [--with-truth]
      Write a simulated county (mediators and referrals) as JSON, to stdout or --out.
`;

/** CLI entry: returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'solve':
      return runSolveCommand(rest);
    case 'demo':
      return runDemoCommand(rest);
    case 'generate':
      return runGenerateCommand(rest);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`tiaojie: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}
