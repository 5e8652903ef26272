import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The installed command as a shell runs it: bin/tiaojie.js on the built dist/ (npm ci builds it).
 * These are the behaviours a user meets in a terminal — pipes, stdin, exit codes — so they run a
 * real process, not `main()`.
 */
const root = join(__dirname, '..', '..', '..');
const bin = join(root, 'bin', 'tiaojie.js');

function sh(script: string, input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', script], { cwd: root, input, encoding: 'utf8', timeout: 60_000, env: { ...process.env, BIN: bin } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const problem = JSON.stringify({
  tasks: [{ id: 'c1' }],
  agents: [{ id: 'm1', capacity: 1 }],
  arcs: [{ task: 'c1', agent: 'm1', cost: 2 }],
});

describe('the tiaojie launcher in a shell', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ is not built: run `npm run build` first');
  });

  test('when `tiaojie generate | head` closes the pipe early, then tiaojie exits 0 with nothing on stderr', () => {
    const r = sh('node "$BIN" generate --days 3 | head -n 2 >/dev/null; echo "exit=${PIPESTATUS[0]}"');
    expect(r.stdout.trim()).toBe('exit=0');
    expect(r.stderr).toBe('');
  });

  test('when `tiaojie solve -` is fed the problem on stdin, then it prints the solution; bad JSON on stdin exits 1', () => {
    const ok = sh('node "$BIN" solve -', problem);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ status: 'optimal', objective: 2 });
    const bad = sh('node "$BIN" solve -', '{"tasks": [');
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toMatch(/^tiaojie solve: stdin: malformed JSON/);
  });

  test('when --version or an unknown option is given, then the process exits 0 with the version, or 2 with one line', () => {
    const v = sh('node "$BIN" --version');
    expect([v.status, v.stdout]).toEqual([0, expect.stringMatching(/^tiaojie \d+\.\d+\.\d+\n$/)]);
    const u = sh('node "$BIN" generate --fast');
    expect([u.status, u.stdout, u.stderr.trim().split('\n').length]).toEqual([2, '', 1]);
  });
});
