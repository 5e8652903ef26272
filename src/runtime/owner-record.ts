import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Who owns a private server (redis-server, a PostgreSQL cluster) of a DATA_DIR. The process that
 * starts it writes DATA_DIR/<name> (mode 600): its own pid, the server's pid and port, and a token
 * the running server holds and a restarted one does not, so a stale record never matches. Rules:
 * - a process stops only a server whose record names it as owner and that still matches the record;
 * - a process that finds the server running while its owner lives just uses it;
 * - a server whose owner is dead (killed with -9) is an orphan: the next process adopts it — it
 *   rewrites the record with its own pid — and stops it on exit, as the owner would have.
 */
export interface BaseOwnerRecord {
  /** The process that stops the server. */
  readonly ownerPid: number;
  readonly port: number;
  readonly dataDir: string;
  readonly token: string;
}

/** The private server of a DATA_DIR as its record describes it, when it answers as recorded. */
export type RecordedServer<R extends BaseOwnerRecord> =
  | { readonly kind: 'none' }
  /** Its owner runs: use it, never stop it. */
  | { readonly kind: 'owned'; readonly record: R }
  /** Its owner is gone (killed with -9): it may be adopted. */
  | { readonly kind: 'orphaned'; readonly record: R };

/** The owner records of one kind of server. */
export interface OwnerRecords<R extends BaseOwnerRecord> {
  readonly path: (dataDir: string) => string;
  readonly write: (record: R) => void;
  /** Undefined when missing or unreadable: no one's record, so no one stops the server on its word. */
  readonly read: (dataDir: string) => R | undefined;
  /** Removes the record if it is still this process's. */
  readonly release: (dataDir: string) => void;
  /** Makes this process the owner of an orphaned server: the record names it, so it stops the server on exit. */
  readonly adopt: (record: R) => R;
  /** The recorded server, when `matches` says the record describes the server running now. */
  readonly find: (dataDir: string, matches: (record: R) => Promise<boolean>) => Promise<RecordedServer<R>>;
}

/**
 * Owner records kept in DATA_DIR/`fileName`; `pidFields` are the positive integers a record must
 * hold besides ownerPid and port (the server's pid under its own name).
 */
export function ownerRecords<R extends BaseOwnerRecord>(fileName: string, pidFields: readonly (keyof R & string)[]): OwnerRecords<R> {
  const path = (dataDir: string): string => join(resolve(dataDir), fileName);
  const write = (record: R): void => writeFileSync(path(record.dataDir), JSON.stringify(record, null, 2) + '\n', { mode: 0o600 });
  const read = (dataDir: string): R | undefined => {
    const file = path(dataDir);
    if (!existsSync(file)) return undefined;
    try {
      const r = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const ints = ['ownerPid', 'port', ...pidFields].every((k) => Number.isInteger(r[k]) && (r[k] as number) > 0);
      return ints && typeof r.token === 'string' && typeof r.dataDir === 'string' ? (r as unknown as R) : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    path,
    write,
    read,
    release: (dataDir) => {
      if (read(dataDir)?.ownerPid === process.pid) rmSync(path(dataDir), { force: true });
    },
    adopt: (record) => {
      const adopted = { ...record, ownerPid: process.pid };
      write(adopted);
      return adopted;
    },
    find: async (dataDir, matches) => {
      const record = read(dataDir);
      if (!record || !(await matches(record))) return { kind: 'none' };
      return record.ownerPid !== process.pid && alive(record.ownerPid) ? { kind: 'owned', record } : { kind: 'orphaned', record };
    },
  };
}

/** True while `pid` runs (EPERM: it runs under another user). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `signal` (SIGTERM unless told), then up to `waitMs` for the process to go. */
export async function terminate(pid: number, signal: NodeJS.Signals = 'SIGTERM', waitMs = 5000): Promise<void> {
  process.kill(pid, signal);
  for (let i = 0; i < waitMs / 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
}
