import { changedProfileFields, checkCountyProfile, type CountyStatus } from '../../domain/config/county-profile';
import type { TierRules } from '../../domain/config/schema';
import { NotFoundError, ValidationError, type FieldIssue } from '../../domain/errors';
import type { CountyRegistry, RegisteredCounty } from './county-registry-port';

/** What `county add` did: nothing (`unchanged`), a new county, or a changed profile naming its fields. */
export interface CountyAddOutcome {
  readonly county: string;
  readonly outcome: 'created' | 'updated' | 'unchanged';
  /** With `updated`: the profile fields that changed (changedProfileFields). */
  readonly fields: readonly string[];
}

/**
 * Registers a county's profile, idempotent: the same profile again writes nothing; a changed one
 * replaces it (its version moves, so workers and the API rebuild the county's configuration).
 * `id` (when given) registers the profile under that county id instead of its own `county.id`.
 * A bad document throws ValidationError naming every field and reason; nothing is written then.
 */
export async function addCounty(
  registry: CountyRegistry,
  raw: unknown,
  options: { readonly tierRules: TierRules; readonly now: Date; readonly id?: string },
): Promise<CountyAddOutcome> {
  const withId =
    options.id !== undefined && raw !== null && typeof raw === 'object' && !Array.isArray(raw)
      ? withCountyId(raw as Record<string, unknown>, options.id)
      : raw;
  const checked = checkCountyProfile(withId, options.tierRules);
  if (!checked.ok) throw profileError(checked.issues);
  const { profile } = checked;
  const id = profile.county.id;
  const held = await registry.get(id);
  if (!held) {
    await registry.putProfile(id, profile, options.now);
    return { county: id, outcome: 'created', fields: [] };
  }
  const fields = changedProfileFields(held.profile, profile);
  if (fields.length === 0) return { county: id, outcome: 'unchanged', fields };
  await registry.putProfile(id, profile, options.now);
  return { county: id, outcome: 'updated', fields };
}

/** The issues as a ValidationError whose message lists the first few (a wrong file can have thousands). */
function profileError(issues: readonly FieldIssue[]): ValidationError {
  const shown = issues.slice(0, 5).map((i) => `${i.field}: ${i.reason}`);
  const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : '';
  return new ValidationError(issues, `${shown.join('; ')}${more}`);
}

function withCountyId(doc: Record<string, unknown>, id: string): Record<string, unknown> {
  const county = doc.county;
  if (county === null || typeof county !== 'object' || Array.isArray(county)) return doc;
  return { ...doc, county: { ...(county as Record<string, unknown>), id } };
}

/** What `county disable|enable` did. */
export interface CountyStatusOutcome {
  readonly county: string;
  readonly status: CountyStatus;
  readonly changed: boolean;
}

/** Disables or enables a registered county; an unknown county is NotFoundError. Idempotent. */
export async function setCountyStatus(registry: CountyRegistry, id: string, status: CountyStatus, now: Date): Promise<CountyStatusOutcome> {
  const held = await registry.stamp(id);
  if (!held) throw new NotFoundError('county', id);
  if (held.status === status) return { county: id, status, changed: false };
  await registry.setStatus(id, status, now);
  return { county: id, status, changed: true };
}

/** One line of `county list` / GET /v1/admin/counties: no geography, just what identifies and sizes the county. */
export interface CountySummary {
  readonly id: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly status: CountyStatus;
  readonly version: number;
  readonly population: number;
  readonly townships: number;
  readonly villages: number;
  readonly organizations: number;
  readonly updatedAt: string;
}

export function summaryOf(c: RegisteredCounty): CountySummary {
  return {
    id: c.id,
    name: c.profile.county.name,
    status: c.status,
    version: c.version,
    population: c.profile.county.population,
    townships: c.profile.townships.length,
    villages: c.profile.townships.reduce((n, t) => n + t.villages.length, 0),
    organizations: c.profile.organizations.organizations.length,
    updatedAt: c.updatedAt,
  };
}

export async function listCounties(registry: CountyRegistry): Promise<CountySummary[]> {
  return (await registry.list()).map(summaryOf);
}
