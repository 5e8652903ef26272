import type { LedgerCountyRecords } from '../../use-cases/ledger/ledger-port';
import type { LedgerTx as Tx } from './ledger-schema';

/** The cursor row that says a county's profile and settings were copied once (its `last_id` is unused). */
export const RECORDS_STREAM = 'records';

/** Upserts the county's profile row and its settings rows, and notes that they were copied. */
export async function writeCountyRecords(tx: Tx, county: string, records: LedgerCountyRecords): Promise<void> {
  const now = new Date().toISOString();
  const c = records.county;
  if (c) {
    const row = {
      county,
      status: c.status,
      version: c.version,
      name_zh: c.nameZh,
      population: c.population,
      townships: c.townships,
      villages: c.villages,
      profile: c.profile,
      changed_at: c.changedAt,
      updated_at: now,
    };
    await tx
      .insertInto('counties')
      .values(row)
      .onConflict((oc) =>
        oc.column('county').doUpdateSet((eb) => ({
          status: eb.ref('excluded.status'),
          version: eb.ref('excluded.version'),
          name_zh: eb.ref('excluded.name_zh'),
          population: eb.ref('excluded.population'),
          townships: eb.ref('excluded.townships'),
          villages: eb.ref('excluded.villages'),
          profile: eb.ref('excluded.profile'),
          changed_at: eb.ref('excluded.changed_at'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
  if (records.settings.length > 0)
    await tx
      .insertInto('county_settings')
      .values(records.settings.map((s) => ({ county, kind: s.kind, doc: s.doc, updated_at: now })))
      .onConflict((oc) =>
        oc.columns(['county', 'kind']).doUpdateSet((eb) => ({ doc: eb.ref('excluded.doc'), updated_at: eb.ref('excluded.updated_at') })),
      )
      .execute();
  await tx
    .insertInto('ledger_cursors')
    .values({ county, stream: RECORDS_STREAM, last_id: '0-0' })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
