import type { UserStore } from '../users/user-port';
import type { UserLedgerWriter, UserOutbox } from './county-records-port';
import { userRow } from './ledger-rows';
import { lostEntries } from './project-outbox';

/** The installation's accounts: their outbox in Redis, the store it points at, the ledger's rows. */
export interface UserProjectionDeps {
  readonly outbox: UserOutbox;
  readonly ledger: UserLedgerWriter;
  readonly users: Pick<UserStore, 'get' | 'list'>;
}

/** Outbox entries per transaction (an installation has tens of accounts). */
const BATCH = 500;

/**
 * Copies the accounts the installation's user outbox names into the ledger, as the county
 * projection does its cases: the current record of each, the cursor moved in the same
 * transaction (a compare-and-set: two workers never write one batch), the outbox trimmed after.
 * The first copy, and one after entries were lost, copies every account. Returns the entries read.
 */
export async function projectUsers(deps: UserProjectionDeps, maxSteps = 20): Promise<number> {
  let read = 0;
  for (let step = 0; step < maxSteps; step++) {
    const cursor = await deps.ledger.cursor();
    const counts = await deps.outbox.counts();
    const lost = !cursor.copied || lostEntries(counts, cursor.outboxRead);
    const entries = await deps.outbox.read(cursor.outbox, BATCH);
    if (entries.length === 0 && !lost) {
      if (counts.length > 0) await deps.outbox.trimThrough(cursor.outbox);
      return read;
    }
    const names = [...new Set(entries.map((e) => e.data.username).filter((u): u is string => typeof u === 'string' && u !== ''))];
    const users = lost
      ? await deps.users.list(undefined)
      : (await Promise.all(names.map((n) => deps.users.get(n)))).filter((u) => u !== undefined);
    const toId = entries.at(-1)?.id ?? (lost ? counts.lastId : cursor.outbox);
    const readCount = lost ? counts.added - counts.length + entries.length : cursor.outboxRead + entries.length;
    const applied = await deps.ledger.apply({ fromId: cursor.outbox, toId, readCount, users: users.map(userRow) });
    if (applied === 'moved') continue;
    if (entries.length > 0) await deps.outbox.trimThrough(toId);
    read += entries.length;
    if (entries.length < BATCH) return read;
  }
  return read;
}
