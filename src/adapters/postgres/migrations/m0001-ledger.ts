import { sql, type Kysely } from 'kysely';

/**
 * The first ledger schema (issue 19). Every table leads with the county: a county's rows of a month
 * are one index range. The case record is a row per case (its current state, kept forever), with
 * its history and the county's events appended beside it and never rewritten.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ledger_cursors')
    .addColumn('county', 'text', (c) => c.notNull())
    .addColumn('stream', 'text', (c) => c.notNull())
    .addColumn('last_id', 'text', (c) => c.notNull())
    // Outbox entries read (or known lost) in all: how the projector tells entries dropped unread.
    .addColumn('read_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('ledger_cursors_pk', ['county', 'stream'])
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('county', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('class', 'text', (c) => c.notNull())
    .addColumn('township', 'text', (c) => c.notNull())
    .addColumn('village', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('referred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('deadline_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('outcome', 'text')
    .addColumn('settled_at', 'timestamptz')
    .addColumn('returned_at', 'timestamptz')
    .addColumn('mediator_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('clock_due_at', 'timestamptz')
    .addColumn('file_version', 'integer', (c) => c.notNull())
    .addColumn('case_doc', 'jsonb', (c) => c.notNull())
    .addColumn('file', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('evicted_at', 'timestamptz')
    .addPrimaryKeyConstraint('cases_pk', ['county', 'case_id'])
    .execute();
  await db.schema.createIndex('cases_referred').on('cases').columns(['county', 'referred_at']).execute();
  await db.schema.createIndex('cases_closed').on('cases').columns(['county', 'closed_at']).execute();
  await db.schema.createIndex('cases_township').on('cases').columns(['county', 'township', 'category', 'referred_at']).execute();
  await db.schema
    .createIndex('cases_clock_due')
    .on('cases')
    .columns(['county', 'clock_due_at'])
    .where(sql.ref('clock_due_at'), 'is not', null)
    .execute();
  await db.schema.createIndex('cases_mediators').on('cases').using('gin').column('mediator_ids').execute();

  await db.schema
    .createTable('case_history')
    .addColumn('county', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('entry', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_history_pk', ['county', 'case_id', 'seq'])
    .execute();
  await db.schema.createIndex('case_history_at').on('case_history').columns(['county', 'at']).execute();

  await db.schema
    .createTable('ledger_events')
    .addColumn('county', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz')
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_events_pk', ['county', 'event_id'])
    .execute();
  await db.schema.createIndex('ledger_events_case').on('ledger_events').columns(['county', 'case_id']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('county', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('room_id', 'text', (c) => c.notNull())
    .addColumn('mediator_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('doc', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('sessions_pk', ['county', 'case_id', 'session_id'])
    .execute();
  await db.schema.createIndex('sessions_starts').on('sessions').columns(['county', 'starts_at']).execute();

  await db.schema
    .createTable('summonses')
    .addColumn('county', 'text', (c) => c.notNull())
    .addColumn('summons_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('required_by', 'timestamptz', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('doc', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('summonses_pk', ['county', 'summons_id'])
    .execute();
  await db.schema.createIndex('summonses_due').on('summonses').columns(['county', 'required_by']).execute();

  await db.schema
    .createTable('mediators')
    .addColumn('county', 'text', (c) => c.notNull())
    .addColumn('mediator_id', 'text', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('organization', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('doc', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('mediators_pk', ['county', 'mediator_id'])
    .execute();

  await db.schema
    .createTable('court_figures')
    .addColumn('county', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('doc', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('court_figures_pk', ['county', 'month'])
    .execute();

  await db.schema
    .createTable('decisions')
    .addColumn('county', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('entry', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('decisions_pk', ['county', 'entry_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'decisions',
    'court_figures',
    'mediators',
    'summonses',
    'sessions',
    'ledger_events',
    'case_history',
    'cases',
    'ledger_cursors',
  ])
    await db.schema.dropTable(t).ifExists().execute();
}
