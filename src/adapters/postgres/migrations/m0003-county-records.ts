import { sql, type Kysely } from 'kysely';

/**
 * The rest of the record (issue 19): county profiles, per-county settings and user accounts, each
 * the current state the projector copies from Redis (upserts; nothing here is append-only). Every
 * table leads with the county where it has one; `users` is installation-wide (a user name is
 * unique across counties), its county a column with an index. A user's password is kept only as the
 * argon2id hash Redis already holds (inside `doc`): the ledger never sees a password.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('counties')
    .addColumn('county', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .addColumn('townships', 'integer', (c) => c.notNull())
    .addColumn('villages', 'integer', (c) => c.notNull())
    // The profile as the registry stores it (county, townships, organisations).
    .addColumn('profile', 'jsonb', (c) => c.notNull())
    // When the registry last changed it (its `updatedAt`), and when the ledger copied it.
    .addColumn('changed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('county_settings')
    .addColumn('county', 'text', (c) => c.notNull())
    // `dispatch`, `indicators`, `summons`: the `tj:{c}:settings:<kind>` key it copies.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('doc', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('county_settings_pk', ['county', 'kind'])
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('county', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('disabled', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('doc', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_county').on('users').columns(['county', 'username']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['users', 'county_settings', 'counties']) await db.schema.dropTable(t).ifExists().execute();
  await sql`delete from ledger_cursors where stream = 'records' or county = '*'`.execute(db);
}
