import { runSolveCommand } from './solve-command';

const USAGE = `usage: tiaojie <command> [options]

commands:
  solve FILE.json [--time-limit SECONDS] [--solver auto|flow|mip]
      Solve a v1 assignment problem (see README) and print the solution JSON on stdout.
`;

/** CLI entry: returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'solve':
      return runSolveCommand(rest);
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
