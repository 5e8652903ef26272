import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { TS_THREAD_ARGV } from './service';

/** resolveLedgerDatabase running in a child process (ledger-child.ts), and what it said. */
export interface LedgerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly kind: string;
  readonly maxConnections?: number;
  /** Asks the child to stop its database and waits for it to exit. */
  stop(): Promise<void>;
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));

export async function forkLedger(dataDir: string, embedded: 'auto' | 'cluster' | 'pglite'): Promise<LedgerProcess> {
  const child = fork(join(__dirname, 'ledger-child.ts'), [], {
    execArgv: TS_THREAD_ARGV,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_EMBEDDED: embedded },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const said = await new Promise<{ url?: string; kind?: string; maxConnections?: number; error?: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as never));
    child.once('exit', (code) => reject(new Error(`the ledger child exited with ${code} before it answered`)));
  });
  if (said.error || !said.url || !said.kind) throw new Error(`the ledger child failed: ${said.error ?? 'no url'}`);
  return {
    child,
    url: said.url,
    kind: said.kind,
    ...(said.maxConnections !== undefined ? { maxConnections: said.maxConnections } : {}),
    stop: async () => {
      if (child.connected) child.send('stop');
      await exited(child);
    },
  };
}
