import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { resolveLedgerDatabase } from '../../src/runtime/postgres-launcher';
import { postgresAnswers } from '../../src/runtime/postgres-probe';
import { forkLedger } from '../support/ledger-process';

/** The info lines a resolve logged, as text. */
function messages(): { logger: pino.Logger; said: () => string } {
  let out = '';
  return { logger: pino({ level: 'info' }, { write: (line: string) => void (out += line) }), said: () => out };
}

/**
 * Issue 19 part 4: the private PostgreSQL cluster of a DATA_DIR has one owner, like the embedded
 * Redis (issue 18 item 6): a second process uses it and never stops it; once the owner is killed
 * with -9 — the cluster runs on, detached — the next process adopts it and stops it.
 */
describe('embedded PostgreSQL cluster ownership', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tiaojie-pgowner-'));
    chmodSync(dir, 0o755); // the postgres system user must enter it when the test runs as root
  });
  afterAll(() => {
    // A failed test must not leave a postmaster behind: SIGINT is its fast shutdown.
    const pidFile = join(dir, 'postgres', 'postmaster.pid');
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
    if (pid > 0) process.kill(pid, 'SIGINT');
    rmSync(dir, { recursive: true, force: true });
  });

  test('when a second process resolves beside the owner it shares the cluster; when the owner was killed with -9 the next one adopts and stops it', async () => {
    const owner = await forkLedger(dir, 'cluster');
    expect(owner.kind).toBe('private-cluster');

    const second = messages();
    const shared = await resolveLedgerDatabase({ dataDir: dir, embedded: 'auto', logger: second.logger });
    expect(shared.url).toBe(owner.url);
    expect(second.said()).toContain('another running process started');
    await shared.stop();
    expect(await postgresAnswers(owner.url)).toBe(true);

    owner.child.kill('SIGKILL');
    await new Promise((r) => owner.child.once('exit', r));
    expect(await postgresAnswers(owner.url)).toBe(true); // the orphan runs on

    const third = messages();
    const adopter = await resolveLedgerDatabase({ dataDir: dir, embedded: 'auto', logger: third.logger });
    expect(adopter.url).toBe(owner.url);
    expect(third.said()).toContain('adopted the private PostgreSQL cluster');
    expect(JSON.parse(readFileSync(join(dir, 'postgres-owner.json'), 'utf8'))).toMatchObject({ ownerPid: process.pid });
    await adopter.stop();
    expect(await postgresAnswers(owner.url)).toBe(false);
    expect(existsSync(join(dir, 'postgres-owner.json'))).toBe(false);
  });
});
