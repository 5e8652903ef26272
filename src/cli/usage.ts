import { DEFAULT_SEED } from '../simulator/county';

/** One option of a command, as its help shows it. */
interface OptionHelp {
  /** `--name VALUE` as typed. */
  readonly flag: string;
  readonly text: string;
  /** What applies when the option is left out; none for switches that are simply off. */
  readonly default?: string;
}

/** A command's help: its synopsis, what it does, and its options with their defaults. */
export interface CommandHelp {
  readonly name: string;
  readonly synopsis: string;
  /** Lines of prose under the synopsis. */
  readonly about: readonly string[];
  readonly options: readonly OptionHelp[];
}

const seed: OptionHelp = { flag: '--seed N', text: 'seed of the simulated county', default: String(DEFAULT_SEED) };

export const COMMANDS: readonly CommandHelp[] = [
  {
    name: 'solve',
    synopsis: 'solve FILE.json|- [--time-limit SECONDS] [--solver auto|flow|mip]',
    about: [
      'Solve a v1 assignment problem (see README) and print the solution JSON on stdout; `-` reads the problem from stdin.',
      'Large problems: the columnar form, "format": "tiaojie.problem.columnar/1" (docs/problem-format.md).',
    ],
    options: [
      { flag: '--time-limit SECONDS', text: 'stop the search after this long and print the best answer found', default: '10' },
      { flag: '--solver auto|flow|mip', text: 'exact min-cost flow, the GAP solvers, or the one the problem needs', default: 'auto' },
    ],
  },
  {
    name: 'demo',
    synopsis: 'demo [--seed N] [--days N] [--warmup N] [--out FILE.json]',
    about: [
      "Simulate a county's days of referrals, dispatch them in memory (no Redis), print a summary",
      'and write a JSON report (default reports/demo-<seed>.json).',
    ],
    options: [
      seed,
      { flag: '--days N', text: 'days reported (at most 3650)', default: '1' },
      { flag: '--warmup N', text: 'days simulated first, so mediators start with a caseload', default: '14' },
      { flag: '--out FILE.json', text: 'where the JSON report goes', default: 'reports/demo-<seed>.json' },
    ],
  },
  {
    name: 'generate',
    synopsis:
      'generate [--seed N] [--days N] [--start YYYY-MM-DD] [--out FILE.json] [--with-truth] | generate --province N --out DIR [--seed N]',
    about: [
      'Write a simulated county (mediators and referrals) as JSON, to stdout or --out.',
      'With --province N: N simulated counties of different sizes (scaled from Shandan, placed apart), one',
      'DIR/<id>.profile.json and DIR/<id>.roster.json each, for `tiaojie county add` and `tiaojie county roster`.',
    ],
    options: [
      seed,
      { flag: '--province N', text: 'write a province of N counties (1 to 3000) into --out DIR instead' },
      { flag: '--days N', text: 'days of referrals', default: '1' },
      { flag: '--start YYYY-MM-DD', text: 'first day of the referrals', default: '2024-03-04' },
      { flag: '--out FILE.json', text: 'write here instead of stdout', default: 'stdout' },
      { flag: '--with-truth', text: "add the mediators' hidden true skills (simulation only)" },
    ],
  },
  {
    name: 'report',
    synopsis:
      'report [--seed N] [--days N] [--warmup N] [--by township|tier|category|mediator|month] [--out DIR] | report --county NAME [--month YYYY-MM | --from D --to D] [--by …] [--database URL]',
    about: [
      'Simulate a month through the whole case lifecycle (dispatch, sessions, outcomes, escalation,',
      "fulfilment) and write the centre's indicators as JSON, CSV and an SVG chart (default reports/).",
      "With --county, the county's indicators from the ledger (PostgreSQL at DATABASE_URL) instead of a simulation,",
      "with the county's own indicator settings (else its registered profile's populations) as the ledger holds them.",
    ],
    options: [
      seed,
      { flag: '--days N', text: 'days reported', default: '30' },
      { flag: '--warmup N', text: 'days simulated before the reported ones (0 for none)', default: '7' },
      { flag: '--by township|tier|category|mediator|month', text: 'rows of the table (month: local months)', default: 'township' },
      { flag: '--out DIR', text: 'directory of the JSON, CSV and SVG files', default: 'reports' },
      { flag: '--county NAME', text: "report the county's cases held in the ledger (no simulation)" },
      { flag: '--month YYYY-MM', text: 'with --county: the local month reported (or --from/--to)', default: 'the current month' },
      { flag: '--database URL', text: "with --county: the ledger's PostgreSQL", default: 'DATABASE_URL' },
    ],
  },
  {
    name: 'serve',
    synopsis: 'serve [--with-worker] [--seed]',
    about: [
      'Run the HTTP API until SIGTERM/SIGINT; with --with-worker also everything `worker` runs, in the',
      'same process (`npm start`). An API with no worker running anywhere answers POST /v1/rebalance',
      "with 503. --seed loads the simulated county's mediators first. Uses REDIS_URL, or starts a",
      'private redis-server when none answers (see README, configuration).',
    ],
    options: [
      { flag: '--with-worker', text: 'run the workers in this process too' },
      { flag: '--seed', text: "load the simulated county's mediators into TIAOJIE_DEFAULT_COUNTY first" },
    ],
  },
  {
    name: 'worker',
    synopsis: 'worker',
    about: [
      'Run the workers without the HTTP API until SIGTERM/SIGINT, against REDIS_URL as serve does:',
      'the dispatch worker (referrals, POST /v1/dispatch); the rebalance worker (POST /v1/rebalance',
      'runs, and the nightly rebalance of each REBALANCE_COUNTIES county at REBALANCE_CRON unless',
      'REBALANCE_NIGHTLY=false); the webhook relay and sender; the legal clock (deadline warnings,',
      'return to court, every CLOCK_INTERVAL_MS). Any number of workers may share one Redis.',
    ],
    options: [],
  },
  {
    name: 'user',
    synopsis: 'user add --username U --role R [--county C] [--display-name N] | user disable --username U | user list [--county C]',
    about: [
      "Manage the console's user accounts in the Redis the service uses (REDIS_URL, or the private",
      'redis-server of DATA_DIR). `add` reads the password from stdin when piped (`echo pw | tiaojie user',
      'add …`; 10 to 200 characters), else generates one and prints it once. `disable` ends the',
      "user's sessions at once. `list` prints every user, or one county's.",
    ],
    options: [
      { flag: '--username U', text: '3 to 32 of a-z 0-9 _ . - (add, disable)' },
      { flag: '--role R', text: 'court, dispatcher, viewer or admin (add)' },
      {
        flag: '--county C',
        text: "the user's county (add); only this county's users (list)",
        default: 'TIAOJIE_DEFAULT_COUNTY (add); every county (list)',
      },
      { flag: '--display-name N', text: 'the name the console shows, up to 40 characters (add)', default: 'the user name' },
    ],
  },
  {
    name: 'import',
    synopsis: 'import court-figures FILE.csv [--county C]',
    about: [
      "Import the court's monthly figures into the Redis the service uses (REDIS_URL, or the private",
      'redis-server of DATA_DIR). Header row: month,civil_commercial_filings,administrative_filings,',
      'transferred_to_mediation,filed_after_failed_mediation. Every row is checked first: any bad row',
      '(reported with its line and column) and nothing is written. The same month again changes nothing;',
      'a changed figure updates the month and is reported. See docs/indicators.md.',
    ],
    options: [{ flag: '--county C', text: 'the county the figures belong to', default: 'TIAOJIE_DEFAULT_COUNTY' }],
  },
  {
    name: 'county',
    synopsis:
      'county add FILE.json|-|DIR [--county C] | county list | county disable C | county enable C | county roster C FILE.csv|FILE.json|-',
    about: [
      "Provision the installation's counties in the Redis the service uses (REDIS_URL, or the private redis-server",
      'of DATA_DIR); see docs/counties.md. `add` registers a county profile (geography: townships, villages,',
      'coordinates, populations, neighbours; organisations) — checked first, nothing written when any field is bad;',
      'the same profile again is `unchanged`, a changed one `updated` naming the fields. A county never added runs',
      'on the embedded Shandan profile. `disable` refuses its referrals and rebalances (403 county_disabled) and holds',
      'its queued work until `enable`. `roster` imports the mediators (CSV or JSON), every row checked against the county first,',
      'reported as new/updated/unchanged; the same file twice changes nothing. `add DIR` adds every',
      '<id>.profile.json of DIR with its <id>.roster.json (what `generate --province` writes), all checked first.',
    ],
    options: [{ flag: '--county C', text: 'register the profile under this county id (add)', default: "the profile's county.id" }],
  },
  {
    name: 'rebuild-hot-state',
    synopsis: 'rebuild-hot-state --county C [--replace]',
    about: [
      "Restore a county's hot state in Redis (REDIS_URL, or the private redis-server of DATA_DIR) from the",
      'ledger at DATABASE_URL: the roster, court figures, every case not evicted by retention with its file,',
      'indexes, sessions and calendars, loads recomputed from the seats held, the outcome history, the',
      'summonses, the registered profile (the county listed again), its settings and the accounts of the county',
      "Redis lacks; the arrival index counts the ledger's referrals, evicted ones included; the ledger's outbox",
      'cursor starts again from an empty outbox. Stop the service first.',
      'Refuses (exit 1) when Redis holds cases of the county already, unless --replace.',
    ],
    options: [
      { flag: '--county C', text: 'the county to rebuild' },
      { flag: '--replace', text: "delete the county's hot state in Redis first and write the ledger's copy" },
    ],
  },
  {
    name: 'backfill-arrivals',
    synopsis: 'backfill-arrivals --county C',
    about: [
      "Count a county's past referrals into its arrival index (the history the kept seats are forecast from;",
      'docs/dispatch-capacity.md): the cases and archive Redis holds (REDIS_URL, or the private redis-server of',
      'DATA_DIR) and every case of the ledger, evicted ones included (DATABASE_URL or the embedded one; none when',
      'DATABASE_EMBEDDED=off without DATABASE_URL). For a county admitted before the index existed. Idempotent:',
      "each day's count is raised to what the records show, never added to. With the embedded ledger stop the",
      'service first; the dispatch worker also backfills from Redis alone, once per county, by itself.',
    ],
    options: [{ flag: '--county C', text: 'the county whose index to backfill' }],
  },
  {
    name: 'redis-cluster',
    synopsis: 'redis-cluster [--dir DIR] [--port P] [--node-timeout MS]',
    about: [
      'Run a local Redis Cluster in the foreground: six private redis-server processes (3 masters, 3 replicas)',
      'joined by redis-cli --cluster create. Prints the REDIS_URL (redis+cluster://…) to give the service;',
      'Ctrl-C stops the nodes, and started again on the same --dir the cluster comes back with its data.',
    ],
    options: [
      { flag: '--dir DIR', text: 'where the nodes keep their AOF and nodes.conf', default: 'data/redis-cluster' },
      { flag: '--port P', text: 'port of the first node; the others take the next five', default: 'free ports' },
      { flag: '--node-timeout MS', text: 'silence after which a replica takes over its master', default: '3000' },
    ],
  },
  {
    name: 'demo-service',
    synopsis: 'demo-service [--url URL] [--key ADMIN_KEY] [--seed N] [--days N] [--seconds S] [--serve]',
    about: [
      'Load a simulated county into the running service (or one started in-process) and stream a',
      'day of referrals through it, then print assignments and latency. Prints the console URL and',
      'a sign-in first; `npm run console` (= demo-service --serve) keeps the service running after.',
    ],
    options: [
      {
        flag: '--url URL',
        text: 'the service; none answering: one is started in this process',
        default: 'TIAOJIE_URL, else http://127.0.0.1:$PORT',
      },
      { flag: '--key ADMIN_KEY', text: 'an admin key of the service', default: 'TIAOJIE_API_KEY, else DATA_DIR/api-keys.json' },
      seed,
      { flag: '--days N', text: 'days of referrals', default: '1' },
      { flag: '--seconds S', text: 'a day of office hours compressed into this many seconds', default: '20, 180 with --serve' },
      { flag: '--serve', text: 'keep the service started in-process running (on PORT) until Ctrl-C', default: 'off' },
    ],
  },
];

/** A command's entry in the usage text: synopsis, then its prose indented. */
function entry(c: CommandHelp): string {
  return [`  ${c.synopsis}`, ...c.about.map((l) => `      ${l}`)].join('\n');
}

/** Every command, for `tiaojie --help` (and a bare `tiaojie`). */
export const USAGE = `usage: tiaojie <command> [options]
       tiaojie --version
       tiaojie <command> --help

commands:
${COMMANDS.map(entry).join('\n')}
`;

/** One command's help: usage line, what it does, and each option with its default. */
export function commandHelp(c: CommandHelp): string {
  const options = [...c.options, { flag: '-h, --help', text: 'this help' }];
  const width = Math.max(...options.map((o) => o.flag.length));
  const lines = options.map((o) => `  ${o.flag.padEnd(width)}  ${o.text}${o.default === undefined ? '' : ` (default: ${o.default})`}`);
  return `usage: tiaojie ${c.synopsis}\n\n${entry(c)}\n\noptions:\n${lines.join('\n')}\n`;
}

/** What a usage error adds under its message: where the command's help is. */
export function helpHint(command: string): string {
  return `(see: tiaojie ${command} --help)`;
}
