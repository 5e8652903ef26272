import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { COMMANDS } from '../../../src/cli/usage';

const dir = mkdtempSync(join(tmpdir(), 'tiaojie-exit-'));
const aFile = join(dir, 'plain-file');
writeFileSync(aFile, 'not a directory');
const badJson = join(dir, 'bad.json');
writeFileSync(badJson, '{"tasks": [');
const badProblem = join(dir, 'bad-problem.json');
writeFileSync(badProblem, JSON.stringify({ tasks: [{ id: 't' }], agents: [], arcs: [{ task: 't', agent: 'nobody', cost: 1 }] }));
/** An --out path that cannot be created: its parent is a file. */
const unwritable = join(aFile, 'out.json');

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await main(argv), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const names = COMMANDS.map((c) => c.name);

describe('tiaojie exit codes: 2 for the command line, 1 for the input, the same in every command', () => {
  test('when the help table is read, then it lists every command main runs', () => {
    expect(names.sort()).toEqual([
      'backfill-arrivals',
      'county',
      'demo',
      'demo-service',
      'generate',
      'import',
      'rebuild-hot-state',
      'redis-cluster',
      'report',
      'serve',
      'solve',
      'user',
      'worker',
    ]);
  });

  test.each(names)('when %s gets an unknown option, then it exits 2 with one line naming it and where the help is', async (name) => {
    const { code, out, err } = await run([name, '--no-such-option']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.trim().split('\n')[0]).toMatch(new RegExp(`^tiaojie ${name}: unknown option --no-such-option`));
  });

  const usage: [string, string[], RegExp][] = [
    ['solve without a file', ['solve'], /give one problem file, or - for stdin/],
    ['solve with two files', ['solve', 'a.json', 'b.json'], /give one problem file/],
    ['solve with an unknown solver', ['solve', 'a.json', '--solver', 'fast'], /--solver must be one of/],
    ['solve with a negative time limit', ['solve', 'a.json', '--time-limit', '-3'], /--time-limit must be a positive number/],
    ['generate with a stray argument', ['generate', 'extra'], /unexpected argument "extra"/],
    ['generate --province without --out', ['generate', '--province', '3'], /--province needs --out DIR/],
    ['generate --province with a fraction', ['generate', '--province', '2.5', '--out', dir], /--province must be a whole number/],
    ['generate with a bad --start', ['generate', '--start', 'March'], /--start must be a date/],
    ['demo with a fractional --days', ['demo', '--days', '1.5'], /whole numbers/],
    ['report with an unknown --by', ['report', '--by', 'colour'], /--by must be one of/],
    ['demo-service with a bad --seconds', ['demo-service', '--seconds', 'soon'], /--seconds must be a positive number/],
    ['serve with a stray argument', ['serve', 'now'], /usage: tiaojie serve/],
    ['worker with a value option', ['worker', '--seed=1'], /unknown option --seed/],
    ['an option without its value', ['generate', '--seed'], /option --seed needs a value/],
    ['user without a subcommand', ['user'], /say one of add, disable, list/],
    ['county without a subcommand', ['county'], /say what to do: add, list, disable, enable, roster/],
    ['county disable with a bad county id', ['county', 'disable', 'Gao Tai'], /disable: county ids are/],
    ['county roster without a file', ['county', 'roster', 'gaotai'], /name the roster file/],
    ['user add with a bad --role', ['user', 'add', '--username', 'wang', '--role', 'boss'], /--role: /],
    ['user disable with a bad --username', ['user', 'disable', '--username', 'Wang Wei'], /--username: user names are/],
  ];
  test.each(usage)('when %s is given, then it exits 2', async (_what, argv, message) => {
    const { code, err } = await run(argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  const input: [string, string[], RegExp][] = [
    ['solve of a missing file', ['solve', join(dir, 'missing.json')], /cannot read .*missing\.json: ENOENT/],
    ['solve of a directory', ['solve', dir], /cannot read .*: EISDIR/],
    ['solve of malformed JSON', ['solve', badJson], /bad\.json: malformed JSON/],
    ['county add of malformed JSON', ['county', 'add', badJson], /bad\.json: malformed JSON/],
    ['solve of an invalid problem', ['solve', badProblem], /invalid problem: arcs\[0\]\.agent: unknown agent "nobody"/],
    ['generate to an --out that cannot be created', ['generate', '--out', unwritable], /cannot mkdir .*plain-file: (EEXIST|ENOTDIR)/],
    [
      'demo to an --out that cannot be created',
      ['demo', '--warmup', '0', '--out', unwritable],
      /cannot mkdir .*plain-file: (EEXIST|ENOTDIR)/,
    ],
    [
      'report into an --out that is a file',
      ['report', '--days', '1', '--warmup', '0', '--out', aFile],
      /cannot mkdir .*plain-file: EEXIST/,
    ],
  ];
  test.each(input)(
    'when %s is asked for, then it exits 1 with one line and no stack',
    async (_what, argv, message) => {
      const { code, err } = await run(argv);
      expect(code).toBe(1);
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toMatch(message);
      expect(err).not.toMatch(/\n\s+at /);
    },
    30_000,
  );

  test('when the command is unknown or missing, then it exits 2 with the list of commands', async () => {
    const unknown = await run(['solv']);
    expect([unknown.code, unknown.err]).toEqual([2, expect.stringMatching(/unknown command "solv"[\s\S]*commands:/)]);
    expect((await run([])).code).toBe(2);
  });
});
