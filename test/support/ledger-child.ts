/**
 * resolveLedgerDatabase in its own process, for the tests that need one: PGlite (its build loads
 * parts of itself with a dynamic import(), which jest's module sandbox refuses) and the killed
 * owner of a private cluster. Tells the parent `{ url, kind, maxConnections }`, stops on a `stop`
 * message and then exits; an error is sent as `{ error }`.
 */
import pino from 'pino';
import { resolveLedgerDatabase, type EmbeddedPostgres } from '../../src/runtime/postgres-launcher';

void resolveLedgerDatabase({
  dataDir: process.env.DATA_DIR!,
  embedded: process.env.DATABASE_EMBEDDED as EmbeddedPostgres,
  logger: pino({ level: 'silent' }),
}).then(
  (db) => {
    process.on('message', (m) => {
      if (m === 'stop') void db.stop().then(() => process.exit(0));
    });
    process.send?.({ url: db.url, kind: db.kind, maxConnections: db.maxConnections });
  },
  (err: Error) => {
    process.send?.({ error: err.message });
    process.exit(1);
  },
);
