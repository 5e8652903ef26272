import { fork } from 'node:child_process';
import { openLedgerDb } from '../../src/adapters/postgres/ledger-db';
import { createRedis } from '../../src/adapters/redis/redis-connection';
import { loadLifecycleConfig } from '../../src/domain/config/lifecycle-config';
import { ledgerProjectionFor } from '../../src/runtime/ledger-projection';
import { startLedgerProjector } from '../../src/use-cases/ledger/projector-runner';

interface ProjectorTask {
  readonly redisUrl: string;
  readonly dbUrl: string;
  readonly counties: readonly string[];
}

type ChildMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'projected'; readonly entries: number; readonly cases: number }
  | { readonly type: 'stopped' };

/** What the projector process copied so far. */
export interface ProjectorCopied {
  entries: number;
  caseCopies: number;
}

/**
 * The ledger projector (`startLedgerProjector` over the counties) in a process of its own, as the
 * service runs it in its worker, so its CPU is not taken from the writes being measured.
 * Resolves once the child is ready.
 */
export function forkProjector(task: ProjectorTask): Promise<{ readonly copied: ProjectorCopied; stop(): Promise<void> }> {
  const child = fork(__filename, [JSON.stringify(task)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const copied: ProjectorCopied = { entries: 0, caseCopies: 0 };
  let stopped: (() => void) | null = null;
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (stopped ? stopped() : reject(new Error(`projector process exited (${code})`))));
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'projected') {
        copied.entries += m.entries;
        copied.caseCopies += m.cases;
      }
      if (m.type === 'ready')
        resolve({
          copied,
          stop: () =>
            new Promise<void>((done) => {
              stopped = done;
              child.send('stop');
            }),
        });
    });
  });
}

/** Child side: project until the parent says stop, reporting each county's pass. */
function childMain(task: ProjectorTask): void {
  const redis = createRedis(task.redisUrl);
  const db = openLedgerDb(task.dbUrl);
  const lifecycle = loadLifecycleConfig();
  const deps = new Map(task.counties.map((c) => [c, ledgerProjectionFor({ redis, db, lifecycle }, c)]));
  const send = (m: ChildMessage) => process.send!(m);
  const stop = startLedgerProjector({
    counties: () => task.counties,
    depsFor: (c) => deps.get(c)!,
    idleMs: 50,
    onProjected: (_, s) => send({ type: 'projected', entries: s.entries, cases: s.cases }),
    onError: (err) => console.error('projector:', err),
  });
  process.on('message', () => {
    void stop()
      .then(() => db.destroy())
      .then(() => {
        redis.disconnect();
        process.exit(0);
      });
  });
  send({ type: 'ready' });
}

if (require.main === module) childMain(JSON.parse(process.argv[2]!) as ProjectorTask);
