import { runSolveCommand } from './solve-command';
import { runServeCommand } from './serve-command';
import { runWorkerCommand } from './worker-command';
import { runDemoServiceCommand } from './demo-service-command';
import { runDemoCommand } from './demo-command';
import { runGenerateCommand } from './generate-command';
import { runReportCommand } from './report-command';
import { runUserCommand } from './user-command';
import { runImportCommand } from './import-command';
import { runCountyCommand } from './county-command';
import { runRebuildHotStateCommand } from './rebuild-hot-state-command';
import { runBackfillArrivalsCommand } from './backfill-arrivals-command';
import { runRedisClusterCommand } from './redis-cluster-command';
import { EXIT, withExitCodes } from './exit-codes';
import { commandHelp, COMMANDS, USAGE } from './usage';
import { packageVersion } from './version';

type Command = (argv: readonly string[]) => Promise<number>;

/** Every command by name; its help is in usage.ts under the same name. */
const RUN: Readonly<Record<string, Command>> = {
  solve: (argv) => runSolveCommand(argv),
  demo: runDemoCommand,
  generate: runGenerateCommand,
  report: runReportCommand,
  serve: runServeCommand,
  worker: runWorkerCommand,
  'demo-service': runDemoServiceCommand,
  user: (argv) => runUserCommand(argv),
  import: (argv) => runImportCommand(argv),
  county: (argv) => runCountyCommand(argv),
  'rebuild-hot-state': (argv) => runRebuildHotStateCommand(argv),
  'backfill-arrivals': (argv) => runBackfillArrivalsCommand(argv),
  'redis-cluster': (argv) => runRedisClusterCommand(argv),
};

const isHelp = (arg: string): boolean => arg === '--help' || arg === '-h';

/** CLI entry: returns the process exit code (0 done, 1 bad input, 2 bad command line). */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-V' || command === 'version') {
    process.stdout.write(`tiaojie ${packageVersion()}\n`);
    return EXIT.ok;
  }
  if (command === undefined || command === 'help' || isHelp(command)) {
    const asked = command === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    process.stdout.write(asked ? commandHelp(asked) : USAGE);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  const run = RUN[command];
  const help = COMMANDS.find((c) => c.name === command);
  if (!run || !help) {
    process.stderr.write(`tiaojie: unknown command "${command}"\n${USAGE}`);
    return EXIT.usage;
  }
  if (rest.some(isHelp)) {
    process.stdout.write(commandHelp(help));
    return EXIT.ok;
  }
  return withExitCodes(command, () => run(rest));
}
