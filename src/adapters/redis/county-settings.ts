import { COUNTY_SETTINGS_KINDS, type CountySettingsKind, type StoredSettings } from '../../use-cases/ledger/county-records-port';
import { countyKeys } from './keys';
import { outboxEntry } from './ledger-outbox';
import type { TiaojieRedis } from './redis-connection';
import { summonsKeys } from './summons-keys';
import { countyReplicated } from './replication-barrier';

/** Each kind of per-county settings and its key (one JSON string each, in the county's slot). */
export function countySettingsKeys(county: string): Readonly<Record<CountySettingsKind, string>> {
  const k = countyKeys(county);
  return { dispatch: k.dispatchSettings, indicators: k.indicatorSettings, summons: summonsKeys(county).settings };
}

/**
 * Writes a county's settings of one kind and notes the change in the county's ledger outbox in the
 * same MULTI (issue 19: the ledger copies the settings; both keys share the county's slot).
 */
export async function putCountySettings(redis: TiaojieRedis, county: string, kind: CountySettingsKind, doc: unknown): Promise<void> {
  const replies =
    (await redis
      .multi()
      .set(countySettingsKeys(county)[kind], JSON.stringify(doc))
      .xadd(countyKeys(county).ledgerOutbox, ...outboxEntry('settings.changed', { caseId: '', kind }))
      .exec()) ?? [];
  for (const [err] of replies) if (err) throw err;
  await countyReplicated(redis, county);
}

/** The county's settings as stored, every kind set (one MGET: the keys share the county's slot). */
export async function storedCountySettings(redis: TiaojieRedis, county: string): Promise<readonly StoredSettings[]> {
  const keys = countySettingsKeys(county);
  const raw = await redis.mget(...COUNTY_SETTINGS_KINDS.map((kind) => keys[kind]));
  const out: StoredSettings[] = [];
  COUNTY_SETTINGS_KINDS.forEach((kind, i) => {
    const value = raw[i];
    if (value == null) return;
    try {
      out.push({ kind, doc: JSON.parse(value) as unknown });
    } catch {
      // A value no writer of this service left (they write JSON): nothing to copy.
    }
  });
  return out;
}
