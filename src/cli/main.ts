import { runSolveCommand } from './solve-command';
import { runServeCommand } from './serve-command';
import { runWorkerCommand } from './worker-command';
import { runDemoServiceCommand } from './demo-service-command';
import { runDemoCommand } from './demo-command';
import { runGenerateCommand } from './generate-command';
import { runReportCommand } from './report-command';

const USAGE = `usage: tiaojie <command> [options]

commands:
  solve FILE.json [--time-limit SECONDS] [--solver auto|flow|mip]
      Solve a v1 assignment problem (see README) and print the solution JSON on stdout.
  demo [--seed N] [--days N] [--out FILE.json]
      Simulate a county's days of referrals, dispatch them in memory (no Redis), print a summary
      and write a JSON report (default reports/demo-<seed>.json).
  generate [--seed N] [--days N] [--start YYYY-MM-DD] [--out FILE.json] [--with-truth]
      Write a simulated county (mediators and referrals) as JSON, to stdout or --out.
  report [--seed N] [--days N] [--warmup N] [--by township|tier|category|mediator] [--out DIR]
      Simulate a month through the whole case lifecycle (dispatch, sessions, outcomes, escalation,
      fulfilment) and write the centre's indicators as JSON, CSV and an SVG chart (default reports/).
  serve [--with-worker] [--seed]
      Run the HTTP API until SIGTERM/SIGINT; with --with-worker also everything \`worker\` runs, in the
      same process (\`npm start\`). An API with no worker running anywhere answers POST /v1/rebalance
      with 503. --seed loads the simulated county's mediators first. Uses REDIS_URL, or starts a
      private redis-server when none answers (see README, configuration).
  worker
      Run the workers without the HTTP API until SIGTERM/SIGINT, against REDIS_URL as serve does:
      the dispatch worker (referrals, POST /v1/dispatch); the rebalance worker (POST /v1/rebalance
      runs, and the nightly rebalance of each REBALANCE_COUNTIES county at REBALANCE_CRON unless
      REBALANCE_NIGHTLY=false); the webhook relay and sender; the legal clock (deadline warnings,
      return to court, every CLOCK_INTERVAL_MS). Any number of workers may share one Redis.
  demo-service [--url URL] [--key ADMIN_KEY] [--seed N] [--days N] [--seconds S]
      Load a simulated county into the running service (or one started in-process) and stream a
      day of referrals through it, then print assignments and latency.
`;

/** CLI entry: returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(USAGE); // every command's options are in the one usage text
    return 0;
  }
  switch (command) {
    case 'solve':
      return runSolveCommand(rest);
    case 'demo':
      return runDemoCommand(rest);
    case 'generate':
      return runGenerateCommand(rest);
    case 'report':
      return runReportCommand(rest);
    case 'serve':
      return runServeCommand(rest);
    case 'worker':
      return runWorkerCommand(rest);
    case 'demo-service':
      return runDemoServiceCommand(rest);
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
