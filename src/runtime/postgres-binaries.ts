import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { onPath } from './redis-launcher';

/** The PostgreSQL server programs a private cluster needs, all from one installation. */
const PROGRAMS = ['initdb', 'pg_ctl', 'postgres'] as const;

/** Debian's and Ubuntu's versioned installations (postgresql-NN), none of which is on the PATH. */
const DEBIAN_ROOT = '/usr/lib/postgresql';

/**
 * The directory holding initdb, pg_ctl and postgres: the one the PATH names (resolved through
 * symlinks, since pg_ctl finds postgres beside its own real path), else the highest version under
 * /usr/lib/postgresql; undefined when there is none.
 */
export function findPostgresBinDir(pathVar = process.env.PATH ?? '', debianRoot = DEBIAN_ROOT): string | undefined {
  const pgCtl = onPath('pg_ctl', pathVar);
  const fromPath = pgCtl ? dirname(realpathSync(pgCtl)) : undefined;
  if (fromPath && hasPrograms(fromPath)) return fromPath;
  if (!existsSync(debianRoot)) return undefined;
  const versions = readdirSync(debianRoot)
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(debianRoot, v, 'bin')).find(hasPrograms);
}

function hasPrograms(dir: string): boolean {
  return PROGRAMS.every((p) => existsSync(join(dir, p)));
}

/** The OS account the cluster's programs run as: this process's own, or another one's uid and gid. */
export type ClusterAccount =
  { readonly kind: 'self' } | { readonly kind: 'other'; readonly name: string; readonly uid: number; readonly gid: number };

/**
 * initdb and postgres refuse to run as root: as root, they run as the `postgres` system user (the
 * one Debian's package creates); a reason string when there is no such user.
 */
export function clusterAccount(): ClusterAccount | { readonly kind: 'none'; readonly reason: string } {
  if (process.getuid?.() !== 0) return { kind: 'self' };
  const entry = passwdEntry('postgres');
  if (!entry)
    return {
      kind: 'none',
      reason: 'this process runs as root, and initdb and postgres refuse root, but there is no `postgres` system user',
    };
  return { kind: 'other', name: 'postgres', ...entry };
}

/** uid and gid of a local user (/etc/passwd: where Debian's postgresql package creates its system user). */
function passwdEntry(user: string): { uid: number; gid: number } | undefined {
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${user}:`));
    const [, , uid, gid] = line?.split(':') ?? [];
    const ids = { uid: Number(uid), gid: Number(gid) };
    return line && Number.isInteger(ids.uid) && Number.isInteger(ids.gid) ? ids : undefined;
  } catch {
    return undefined;
  }
}

/** True when `account` can enter `dir` (every parent searchable): a root-only DATA_DIR is not. */
export function canEnter(account: ClusterAccount, dir: string): boolean {
  if (account.kind === 'self') return true;
  return spawnSync('/bin/sh', ['-c', 'cd "$1"', 'sh', dir], { uid: account.uid, gid: account.gid, stdio: 'ignore' }).status === 0;
}
