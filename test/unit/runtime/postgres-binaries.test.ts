import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgresBinDir } from '../../../src/runtime/postgres-binaries';

/** A fake installation: executable stand-ins for the named programs in `dir`. */
function install(dir: string, programs: readonly string[] = ['initdb', 'pg_ctl', 'postgres']): string {
  mkdirSync(dir, { recursive: true });
  for (const p of programs) {
    writeFileSync(join(dir, p), '#!/bin/sh\n');
    chmodSync(join(dir, p), 0o755);
  }
  return dir;
}

describe('findPostgresBinDir', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'tiaojie-pgbin-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('when nothing is on the PATH, then the highest complete version under the Debian root is chosen', () => {
    const debian = join(root, 'lib');
    install(join(debian, '9.6', 'bin'));
    const v13 = install(join(debian, '13', 'bin'));
    install(join(debian, '16', 'bin'), ['pg_ctl']); // client-only remains: no initdb, no postgres
    expect(findPostgresBinDir(join(root, 'empty-path'), debian)).toBe(v13);
  });

  test('when pg_ctl on the PATH is a symlink, then the folder it really lives in is chosen over the Debian root', () => {
    const real = install(join(root, 'opt', 'pg', 'bin'));
    const pathDir = join(root, 'path');
    mkdirSync(pathDir);
    symlinkSync(join(real, 'pg_ctl'), join(pathDir, 'pg_ctl'));
    const debian = join(root, 'lib');
    install(join(debian, '17', 'bin'));
    expect(findPostgresBinDir(pathDir, debian)).toBe(real);
  });

  test('when there is no installation at all, then there is none', () => {
    expect(findPostgresBinDir(join(root, 'empty-path'), join(root, 'no-such-root'))).toBeUndefined();
  });
});
