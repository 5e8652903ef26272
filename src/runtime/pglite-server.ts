import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { ownerRecords, type BaseOwnerRecord } from './owner-record';

/**
 * Connections the PGlite socket serves at once; the pool must not open more (one more is refused,
 * "Too many connections"). pglite-socket can multiplex several onto PGlite's single backend — it
 * queues their messages and lets an open transaction's connection go first — but every statement
 * still runs on that one backend, one at a time, so more connections add no throughput, only a
 * multiplexer whose extended-protocol interleaving is not documented. One, pglite-socket's default.
 */
export const PGLITE_MAX_CONNECTIONS = 1;

/** PGlite serves one database whatever a client names in its URL. */
const PGLITE_DATABASE = 'postgres';

/**
 * Who holds the PGlite files of a DATA_DIR (DATA_DIR/pglite-owner.json). PGlite runs inside its
 * process, so only that process can serve them: another one refuses rather than corrupt them. The
 * token is random: a record whose owner is gone is simply taken over.
 */
const records = ownerRecords<BaseOwnerRecord>('pglite-owner.json', []);

export interface RunningPglite {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly stop: () => Promise<void>;
}

/** PGlite on `<dataDir>/pglite`, served over the wire protocol on 127.0.0.1:<free port> from this process. */
export async function startPglite(dataDirOption: string): Promise<RunningPglite> {
  const dataDir = resolve(dataDirOption);
  const pgliteDir = join(dataDir, 'pglite');
  const held = await records.find(dataDir, () => Promise.resolve(true));
  if (held.kind === 'owned') {
    throw new Error(
      `the embedded PGlite database of ${dataDir} is in use by running process ${held.record.ownerPid} ` +
        `(PGlite serves one process): stop it, use another DATA_DIR, or set DATABASE_URL`,
    );
  }
  mkdirSync(pgliteDir, { recursive: true, mode: 0o700 });
  const db = await PGlite.create({ dataDir: pgliteDir });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: PGLITE_MAX_CONNECTIONS });
  try {
    await server.start();
  } catch (err) {
    await db.close();
    throw err;
  }
  const port = Number(server.getServerConn().split(':').pop());
  records.write({ ownerPid: process.pid, port, dataDir, token: randomUUID() });
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${PGLITE_DATABASE}`,
    port,
    dataDir: pgliteDir,
    stop: async () => {
      await server.stop();
      await db.close();
      records.release(dataDir);
    },
  };
}
