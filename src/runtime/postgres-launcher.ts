import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Logger } from './logger';
import { canEnter, clusterAccount, findPostgresBinDir, type ClusterAccount } from './postgres-binaries';
import { clusterUrl, privateCluster } from './postgres-cluster';
import { hostPort, postgresAnswers } from './postgres-probe';
import { PGLITE_MAX_CONNECTIONS, startPglite } from './pglite-server';
import { redactUrl } from './redact-url';

/** Where the ledger is, and how to let go of it. */
export interface LedgerDatabase {
  readonly url: string;
  /** A server named by DATABASE_URL, a private cluster under DATA_DIR, or PGlite in this process. */
  readonly kind: 'server' | 'private-cluster' | 'pglite';
  /** Most connections the database serves at once; size the pool by it. @defaultValue the server's own limit */
  readonly maxConnections?: number;
  /** Stops what this process started or adopted; a no-op for a server it only uses. */
  stop(): Promise<void>;
}

/** DATABASE_EMBEDDED: what to run when DATABASE_URL is unset. */
export type EmbeddedPostgres = 'auto' | 'cluster' | 'pglite' | 'off';

export interface LedgerDatabaseOptions {
  /** DATABASE_URL. @defaultValue unset: the embedded default */
  readonly databaseUrl?: string;
  /** DATA_DIR: the private cluster lives in its `postgres` folder, PGlite in its `pglite` folder. */
  readonly dataDir: string;
  /** `auto`: a private cluster when the PostgreSQL server programs are installed, else PGlite. */
  readonly embedded: EmbeddedPostgres;
  readonly logger: Logger;
}

/** How long DATABASE_URL has to answer `SELECT 1`. */
const SERVER_CHECK_MS = 5000;

/**
 * The ledger's database: the server at DATABASE_URL when set (it must answer), otherwise the
 * embedded default DATABASE_EMBEDDED names. Logs once, at info, which one it uses. Startup
 * infrastructure: failures are plain Errors (the process cannot serve without its ledger).
 */
export async function resolveLedgerDatabase(opts: LedgerDatabaseOptions): Promise<LedgerDatabase> {
  if (opts.databaseUrl) return useServer(opts.databaseUrl, opts.logger);
  if (opts.embedded === 'off') {
    throw new Error(
      'DATABASE_URL is unset and DATABASE_EMBEDDED=off: set DATABASE_URL to a PostgreSQL server (postgres://user:password@host:5432/db)',
    );
  }
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  if (opts.embedded === 'pglite') return usePglite(dataDir, opts.logger);
  const cluster = clusterPlan(dataDir);
  if ('reason' in cluster) {
    if (opts.embedded === 'cluster') throw new Error(`DATABASE_EMBEDDED=cluster, but ${cluster.reason}`);
    opts.logger.info({ reason: cluster.reason }, 'no private PostgreSQL cluster possible: using PGlite instead');
    return usePglite(dataDir, opts.logger);
  }
  return useCluster(dataDir, cluster.binDir, cluster.account, opts.logger);
}

async function useServer(url: string, log: Logger): Promise<LedgerDatabase> {
  if (!(await postgresAnswers(url, SERVER_CHECK_MS))) {
    throw new Error(`no PostgreSQL answers at DATABASE_URL ${redactUrl(url, 'DATABASE_URL')} within ${SERVER_CHECK_MS} ms`);
  }
  log.info({ database: { kind: 'server', at: hostPort(url) } }, 'ledger database: the PostgreSQL server at DATABASE_URL');
  return { url, kind: 'server', stop: () => Promise.resolve() };
}

/** The programs and the account a private cluster would run with, or why there can be none. */
function clusterPlan(dataDir: string): { binDir: string; account: ClusterAccount } | { reason: string } {
  const binDir = findPostgresBinDir();
  if (!binDir)
    return { reason: 'the PostgreSQL server programs (initdb, pg_ctl, postgres) are not on the PATH nor in /usr/lib/postgresql/*/bin' };
  const account = clusterAccount();
  if (account.kind === 'none') return { reason: account.reason };
  if (!canEnter(account, dataDir)) {
    return {
      reason: `the ${account.kind === 'other' ? account.name : 'cluster'} user cannot enter ${dataDir} (a folder on its path is not searchable by others)`,
    };
  }
  return { binDir, account };
}

async function useCluster(dataDir: string, binDir: string, account: ClusterAccount, log: Logger): Promise<LedgerDatabase> {
  const cluster = await privateCluster({ dataDir, binDir, account });
  const url = clusterUrl(cluster.port);
  const what = {
    started: 'started the private PostgreSQL cluster of DATA_DIR; it stops when this process exits',
    adopted: 'adopted the private PostgreSQL cluster an earlier run left behind (its owner is gone): stopping it on exit',
    shared: 'using the private PostgreSQL cluster another running process started; it keeps running when this process exits',
  }[cluster.how];
  log.info({ database: { kind: 'private-cluster', at: hostPort(url), dataDir: cluster.clusterDir, binDir } }, `ledger database: ${what}`);
  return { url, kind: 'private-cluster', stop: cluster.stop };
}

async function usePglite(dataDir: string, log: Logger): Promise<LedgerDatabase> {
  const pglite = await startPglite(dataDir);
  log.info(
    { database: { kind: 'pglite', at: `127.0.0.1:${pglite.port}`, dataDir: pglite.dataDir, maxConnections: PGLITE_MAX_CONNECTIONS } },
    'ledger database: PGlite in this process (embedded PostgreSQL, one connection); set DATABASE_URL for a PostgreSQL server',
  );
  return { url: pglite.url, kind: 'pglite', maxConnections: PGLITE_MAX_CONNECTIONS, stop: pglite.stop };
}
