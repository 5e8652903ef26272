import { sql } from 'kysely';
import type { LedgerApplyResult, LedgerBatch, LedgerCursors, LedgerWriter } from '../../use-cases/ledger/ledger-port';
import type { LedgerDb } from './ledger-db';
import type { LedgerTx } from './ledger-schema';
import { factColumns } from './fact-columns';
import { RECORDS_STREAM, writeCountyRecords } from './ledger-county-records';

export const START = '0-0';
/** Rows per INSERT (PostgreSQL takes at most 65,535 parameters in one statement). */
const CHUNK = 500;

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

type Tx = LedgerTx;

/** Locks the county's cursor row of `stream` (creating it at the start) and reads it. */
export async function lockedCursor(tx: Tx, county: string, stream: string): Promise<string> {
  await tx
    .insertInto('ledger_cursors')
    .values({ county, stream, last_id: START })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const row = await tx
    .selectFrom('ledger_cursors')
    .select('last_id')
    .where('county', '=', county)
    .where('stream', '=', stream)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return row.last_id;
}

export async function moveCursor(tx: Tx, county: string, stream: string, to: string, readCount?: number): Promise<void> {
  await tx
    .updateTable('ledger_cursors')
    .set({ last_id: to, updated_at: sql`now()`, ...(readCount === undefined ? {} : { read_count: readCount }) })
    .where('county', '=', county)
    .where('stream', '=', stream)
    .execute();
}

/** Replaces the facts of the cases written by their current ones. */
async function writeFacts(tx: Tx, county: string, cases: LedgerBatch['cases']): Promise<void> {
  for (const part of chunks(cases))
    await tx
      .deleteFrom('case_facts')
      .where('county', '=', county)
      .where(
        'case_id',
        'in',
        part.map((c) => c.caseId),
      )
      .execute();
  const rows = cases.flatMap((c) => c.facts.map((f) => ({ county, case_id: c.caseId, at: f.at, ...factColumns(f.counts) })));
  for (const part of chunks(rows)) await tx.insertInto('case_facts').values(part).execute();
}

/** One county's ledger writes on PostgreSQL: a batch and its cursor moves in one transaction. */
export class PostgresLedgerWriter implements LedgerWriter {
  constructor(
    private readonly db: LedgerDb,
    private readonly county: string,
  ) {}

  async cursors(): Promise<LedgerCursors> {
    const rows = await this.db
      .selectFrom('ledger_cursors')
      .select(['stream', 'last_id', 'read_count'])
      .where('county', '=', this.county)
      .execute();
    const outbox = rows.find((r) => r.stream === 'outbox');
    return {
      outbox: outbox?.last_id ?? START,
      outboxRead: outbox?.read_count ?? 0,
      audit: rows.find((r) => r.stream === 'audit')?.last_id ?? START,
      copied: outbox !== undefined,
      recordsCopied: rows.some((r) => r.stream === RECORDS_STREAM),
    };
  }

  async apply(batch: LedgerBatch): Promise<LedgerApplyResult> {
    return this.db.transaction().execute(async (tx) => {
      if ((await lockedCursor(tx, this.county, 'outbox')) !== batch.fromId) return 'moved';
      if (batch.audit && (await lockedCursor(tx, this.county, 'audit')) !== batch.audit.fromId) return 'moved';
      await this.writeCases(tx, batch);
      await this.writeAppendOnly(tx, batch);
      await this.writeReference(tx, batch);
      if (batch.records) await writeCountyRecords(tx, this.county, batch.records);
      await moveCursor(tx, this.county, 'outbox', batch.toId, batch.readCount);
      if (batch.audit) await moveCursor(tx, this.county, 'audit', batch.audit.toId);
      return 'applied';
    });
  }

  private async writeCases(tx: Tx, batch: LedgerBatch): Promise<void> {
    const county = this.county;
    const now = new Date().toISOString();
    for (const part of chunks(batch.cases)) {
      const values = part.map((c) => ({
        county,
        case_id: c.caseId,
        external_id: c.externalId,
        channel: c.channel,
        category: c.category,
        class: c.class,
        township: c.township,
        village: c.village,
        status: c.status,
        referred_at: c.referredAt,
        deadline_at: c.deadlineAt,
        closed_at: c.closedAt,
        outcome: c.outcome,
        settled_at: c.settledAt,
        returned_at: c.returnedAt,
        mediator_ids: [...c.mediatorIds],
        clock_due_at: c.clockDueAt,
        file_version: c.fileVersion,
        case_doc: c.caseDoc,
        file: c.file,
        counts_from: c.countsFrom,
        counts_until: c.countsUntil,
        updated_at: now,
      }));
      await tx
        .insertInto('cases')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['county', 'case_id']).doUpdateSet((eb) => ({
            class: eb.ref('excluded.class'),
            status: eb.ref('excluded.status'),
            deadline_at: eb.ref('excluded.deadline_at'),
            closed_at: eb.ref('excluded.closed_at'),
            outcome: eb.ref('excluded.outcome'),
            settled_at: eb.ref('excluded.settled_at'),
            returned_at: eb.ref('excluded.returned_at'),
            mediator_ids: eb.ref('excluded.mediator_ids'),
            clock_due_at: eb.ref('excluded.clock_due_at'),
            file_version: eb.ref('excluded.file_version'),
            case_doc: eb.ref('excluded.case_doc'),
            file: eb.ref('excluded.file'),
            counts_from: eb.ref('excluded.counts_from'),
            counts_until: eb.ref('excluded.counts_until'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
    await writeFacts(tx, county, batch.cases);
    for (const ids of chunks(batch.sessionCases))
      await tx.deleteFrom('sessions').where('county', '=', county).where('case_id', 'in', ids).execute();
    for (const part of chunks(batch.sessions)) {
      const values = part.map((s) => ({
        county,
        case_id: s.caseId,
        session_id: s.sessionId,
        attempt: s.attempt,
        status: s.status,
        starts_at: s.startsAt,
        room_id: s.roomId,
        mediator_ids: [...s.mediatorIds],
        doc: s.doc,
      }));
      await tx.insertInto('sessions').values(values).execute();
    }
  }

  /** History, events and decisions: rows never rewritten, so a batch copied twice adds nothing. */
  private async writeAppendOnly(tx: Tx, batch: LedgerBatch): Promise<void> {
    const county = this.county;
    for (const part of chunks(batch.history)) {
      const values = part.map((h) => ({ county, case_id: h.caseId, seq: h.seq, action: h.action, at: h.at, entry: h.entry }));
      await tx
        .insertInto('case_history')
        .values(values)
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    for (const part of chunks(batch.events)) {
      const values = part.map((e) => ({ county, event_id: e.eventId, type: e.type, case_id: e.caseId, at: e.at, data: e.data }));
      await tx
        .insertInto('ledger_events')
        .values(values)
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    for (const part of chunks(batch.audit?.records ?? [])) {
      const values = part.map((a) => ({ county, entry_id: a.id, at: a.at, entry: JSON.stringify(a.entry) }));
      await tx
        .insertInto('decisions')
        .values(values)
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }

  /** Summonses, the roster and the court's months: each row replaced by its current state. */
  private async writeReference(tx: Tx, batch: LedgerBatch): Promise<void> {
    const county = this.county;
    for (const part of chunks(batch.summonses)) {
      const values = part.map((s) => ({
        county,
        summons_id: s.summonsId,
        case_id: s.caseId,
        department: s.department,
        status: s.status,
        required_by: s.requiredBy,
        version: s.version,
        doc: s.doc,
      }));
      await tx
        .insertInto('summonses')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['county', 'summons_id']).doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            required_by: eb.ref('excluded.required_by'),
            version: eb.ref('excluded.version'),
            doc: eb.ref('excluded.doc'),
          })),
        )
        .execute();
    }
    if (batch.roster) {
      const now = new Date().toISOString();
      for (const part of chunks(batch.roster)) {
        const values = part.map((m) => ({
          county,
          mediator_id: m.mediatorId,
          tier: m.tier,
          organization: m.organization,
          status: m.status,
          doc: m.doc,
          updated_at: now,
        }));
        await tx
          .insertInto('mediators')
          .values(values)
          .onConflict((oc) =>
            oc.columns(['county', 'mediator_id']).doUpdateSet((eb) => ({
              tier: eb.ref('excluded.tier'),
              organization: eb.ref('excluded.organization'),
              status: eb.ref('excluded.status'),
              doc: eb.ref('excluded.doc'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
      }
    }
    for (const part of chunks(batch.courtMonths)) {
      const values = part.map((m) => ({ county, month: m.month, doc: m.doc }));
      await tx
        .insertInto('court_figures')
        .values(values)
        .onConflict((oc) => oc.columns(['county', 'month']).doUpdateSet((eb) => ({ doc: eb.ref('excluded.doc') })))
        .execute();
    }
  }
}
