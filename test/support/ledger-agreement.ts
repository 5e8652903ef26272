/**
 * Whether a county's Redis state and its ledger rows agree, case by case (issue 19: nothing
 * acknowledged is in one store but not the other). Read back independently of the projector: the
 * case record and stored lifecycle file as Redis holds them against the `cases`, `case_history`,
 * `sessions` and `ledger_events` rows.
 */
import { sql } from 'kysely';
import type { LedgerDb } from '../../src/adapters/postgres/ledger-db';
import { countyKeys } from '../../src/adapters/redis/keys';
import { RedisLifecycleStore } from '../../src/adapters/redis/lifecycle-redis-store';
import type { TiaojieRedis } from '../../src/adapters/redis/redis-connection';
import { loadLifecycleConfig } from '../../src/domain/config/lifecycle-config';
import { currentCaseFile } from '../../src/domain/lifecycle/reconcile';

export interface Agreement {
  /** Cases Redis holds. */
  readonly cases: number;
  /** Of those, the cases whose ledger row holds the same values. */
  readonly agreed: number;
  /** One line per case Redis holds whose ledger row is missing or differs, saying what differs. */
  readonly disagreed: readonly string[];
  /** Case ids with a ledger row but no case in Redis. */
  readonly ledgerOnly: readonly string[];
  /** Entries of the county's event stream, and its `ledger_events` rows. */
  readonly events: { readonly redis: number; readonly ledger: number };
}

interface LedgerCase {
  readonly status: string;
  readonly mediators: readonly string[];
  readonly fileVersion: number;
  history: number;
  sessions: number;
}

/** The county's ledger rows per case, with its history and session row counts. */
async function ledgerCases(db: LedgerDb, county: string): Promise<Map<string, LedgerCase>> {
  const rows = await db
    .selectFrom('cases')
    .select(['case_id', 'status', 'mediator_ids', 'file_version'])
    .where('county', '=', county)
    .execute();
  const out = new Map<string, LedgerCase>(
    rows.map((r) => [r.case_id, { status: r.status, mediators: r.mediator_ids, fileVersion: r.file_version, history: 0, sessions: 0 }]),
  );
  const n = sql<number>`count(*)`.as('n');
  for (const table of ['case_history', 'sessions'] as const) {
    const counts = await db.selectFrom(table).select(['case_id', n]).where('county', '=', county).groupBy('case_id').execute();
    for (const c of counts) {
      const row = out.get(c.case_id);
      if (row) row[table === 'case_history' ? 'history' : 'sessions'] = Number(c.n);
    }
  }
  return out;
}

const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Reads both stores now; meaningful only while nothing writes (see the callers). */
export async function ledgerAgreement(redis: TiaojieRedis, db: LedgerDb, county: string): Promise<Agreement> {
  const lifecycle = loadLifecycleConfig();
  const stored = await new RedisLifecycleStore(redis, county).listStored();
  const ledger = await ledgerCases(db, county);
  const disagreed: string[] = [];
  for (const s of stored) {
    const row = ledger.get(s.case.id);
    if (!row) {
      disagreed.push(`${s.case.id}: no ledger row`);
      continue;
    }
    // The file as the lifecycle reads it: the stored one (or one opened from the record) with dispatch's assignment.
    const file = currentCaseFile(s.file, s.case, lifecycle);
    const want = {
      status: s.case.status,
      mediators: s.case.assignment?.mediatorIds ?? [],
      fileVersion: s.file?.version ?? row.fileVersion,
      history: file.history.length,
      sessions: file.sessions.length,
    };
    const differs = Object.entries(want).filter(([k, v]) => {
      const got = row[k as keyof LedgerCase];
      return Array.isArray(v) ? !same(v, got as readonly string[]) : v !== got;
    });
    if (differs.length > 0) {
      disagreed.push(
        `${s.case.id}: ${differs.map(([k, v]) => `${k} redis=${JSON.stringify(v)} ledger=${JSON.stringify(row[k as keyof LedgerCase])}`).join(', ')}`,
      );
    }
  }
  const inRedis = new Set(stored.map((s) => s.case.id));
  const events = await db
    .selectFrom('ledger_events')
    .select(sql<number>`count(*)`.as('n'))
    .where('county', '=', county)
    .executeTakeFirstOrThrow();
  return {
    cases: stored.length,
    agreed: stored.length - disagreed.length,
    disagreed,
    ledgerOnly: [...ledger.keys()].filter((id) => !inRedis.has(id)),
    events: { redis: await redis.xlen(countyKeys(county).events), ledger: Number(events.n) },
  };
}
