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
