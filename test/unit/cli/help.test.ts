import { main } from '../../../src/cli/main';

async function helpOf(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  try {
    return { code: await main(argv), out };
  } finally {
    o.mockRestore();
  }
}

/** The usage entry of one command: its line and the indented lines under it. */
function entry(usage: string, command: string): string {
  const lines = usage.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`  ${command}`));
  expect(at).toBeGreaterThanOrEqual(0);
  const rest = lines.slice(at + 1);
  const end = rest.findIndex((l) => !l.startsWith('      '));
  return [lines[at], ...rest.slice(0, end < 0 ? rest.length : end)].join(' ').replace(/\s+/g, ' ');
}

describe('tiaojie --help', () => {
  test('when asked for the worker command’s help, then it names every worker it starts: dispatch, rebalance (on demand and nightly), webhooks, legal clock', async () => {
    const { code, out } = await helpOf(['worker', '--help']);
    expect(code).toBe(0);
    const worker = entry(out, 'worker');
    expect(worker).toMatch(/dispatch worker/);
    expect(worker).toMatch(/rebalance worker \(POST \/v1\/rebalance runs, and the nightly rebalance/);
    expect(worker).toMatch(/REBALANCE_NIGHTLY=false/);
    expect(worker).toMatch(/webhook relay and sender/);
    expect(worker).toMatch(/legal clock/);
    expect(worker).toMatch(/without the HTTP API/);
  });

  test('when asked for the serve command’s help, then --with-worker is said to run the worker command’s parts, and the 503 without one', async () => {
    const serve = entry((await helpOf(['serve', '--help'])).out, 'serve');
    expect(serve).toMatch(/with --with-worker also everything `worker` runs/);
    expect(serve).toMatch(/503/);
  });
});

describe('tiaojie --version and per-command help', () => {
  test('when asked for --version (or -V), then it prints the version of package.json and exits 0', async () => {
    const { version } = (await import('../../../package.json')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const { code, out } = await helpOf([flag]);
      expect([code, out]).toEqual([0, `tiaojie ${version}\n`]);
    }
  });

  test.each(['solve', 'demo', 'generate', 'report', 'serve', 'worker', 'demo-service'])(
    'when asked for %s --help, then it prints that command’s usage only, every option with its default, and exits 0',
    async (name) => {
      const { code, out } = await helpOf([name, '--help']);
      expect(code).toBe(0);
      expect(out.split('\n')[0]).toMatch(new RegExp(`^usage: tiaojie ${name}( |$)`));
      expect(out).toMatch(/\noptions:\n/);
      expect(out).toMatch(/-h, --help/);
      const others = ['solve', 'demo', 'generate', 'report', 'serve', 'worker', 'demo-service'].filter((n) => n !== name);
      for (const other of others) expect(out).not.toMatch(new RegExp(`^  ${other} `, 'm'));
    },
  );

  test('when asked for solve --help, then it shows - for stdin and the defaults of --time-limit and --solver', async () => {
    const { out } = await helpOf(['solve', '-h']);
    expect(out).toMatch(/^usage: tiaojie solve FILE\.json\|- /);
    expect(out).toMatch(/--time-limit SECONDS .*\(default: 10\)/);
    expect(out).toMatch(/--solver auto\|flow\|mip .*\(default: auto\)/);
  });

  test('when asked for report --help, then the defaults are the ones the command uses', async () => {
    const { out } = await helpOf(['help', 'report']);
    expect(out).toMatch(/--days N .*\(default: 30\)/);
    expect(out).toMatch(/--warmup N .*\(default: 7\)/);
    expect(out).toMatch(/--by township\|tier\|category\|mediator\|month .*\(default: township\)/);
  });
});
