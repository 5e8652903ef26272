import { z } from 'zod';
import { CountyIdSchema } from '../access';
import { canonicalJson } from '../canonical-json';
import type { FieldIssue } from '../errors';
import { countyMapIssues, legalOrganizationIssues, organizationIssues } from './cross-check';
import { CountySchema, OrganizationsSchema, type CountyMap, type TierRules } from './schema';

/**
 * A county as a tenant of the installation (issue 21): its geography — the document county.json
 * holds (`county`: id, names, population, seat; `townships` with their villages, coordinates,
 * populations and neighbours) — and its `organizations` (organizations.json's document). The same
 * schemas as the embedded configuration: one geography schema, not two.
 */
export const CountyProfileSchema = CountySchema.extend({ organizations: OrganizationsSchema });
export type CountyProfile = z.infer<typeof CountyProfileSchema>;

/** A registered county takes cases (`active`) or refuses referrals and dispatches nothing (`disabled`). */
export const CountyStatusSchema = z.enum(['active', 'disabled']);
export type CountyStatus = z.infer<typeof CountyStatusSchema>;

/** A profile's geography as the dispatch configuration's county map. */
export function countyMapOf(profile: CountyProfile): CountyMap {
  return { county: profile.county, townships: profile.townships };
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(root)';
}

/** The outcome of checking a profile document: the profile, or every problem with its field path. */
export type ProfileCheck =
  { readonly ok: true; readonly profile: CountyProfile } | { readonly ok: false; readonly issues: readonly FieldIssue[] };

/**
 * Checks a profile document: the schemas, then what they cannot see (unique ids, neighbours and
 * the seat naming townships of the map, the tier rules' legal organisation present, a county id
 * usable as a tenant id). Paths are the document's (`townships[2].villages[0].population`).
 */
export function checkCountyProfile(raw: unknown, tierRules: TierRules): ProfileCheck {
  const parsed = CountyProfileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ field: formatPath(i.path), reason: i.message })) };
  const profile = parsed.data;
  const idCheck = CountyIdSchema.safeParse(profile.county.id);
  const issues: FieldIssue[] = [
    ...(idCheck.success ? [] : [{ field: 'county.id', reason: idCheck.error.issues[0]?.message ?? 'invalid' }]),
    ...countyMapIssues(profile).map((i) => ({ field: i.path, reason: i.reason })),
    ...[...organizationIssues(profile.organizations), ...legalOrganizationIssues(tierRules, profile.organizations)].map((i) => ({
      field: i.path === 'organizations' ? i.path : `organizations.${i.path}`,
      reason: i.reason,
    })),
  ];
  return issues.length > 0 ? { ok: false, issues } : { ok: true, profile };
}

/** Items of a list by id, for a per-id comparison. */
function byId<T extends { readonly id: string }>(items: readonly T[]): Map<string, string> {
  return new Map(items.map((i) => [i.id, canonicalJson(i)]));
}

function changedIds(prefix: string, before: Map<string, string>, after: Map<string, string>): string[] {
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  return ids.filter((id) => before.get(id) !== after.get(id)).map((id) => `${prefix}.${id}`);
}

/**
 * The fields in which two profiles differ, by name: `county.<field>`, `townships.<id>` (added,
 * removed or changed), `organizations.<id>`, `organizations.centre`. Empty: the same profile.
 */
export function changedProfileFields(before: CountyProfile, after: CountyProfile): string[] {
  const countyFields = [...new Set([...Object.keys(before.county), ...Object.keys(after.county)])].sort();
  const field = (p: CountyProfile, k: string): string => canonicalJson((p.county as Record<string, unknown>)[k]);
  return [
    ...countyFields.filter((k) => field(before, k) !== field(after, k)).map((k) => `county.${k}`),
    ...changedIds('townships', byId(before.townships), byId(after.townships)),
    ...changedIds('organizations', byId(before.organizations.organizations), byId(after.organizations.organizations)),
    ...(canonicalJson(before.organizations.centre) === canonicalJson(after.organizations.centre) ? [] : ['organizations.centre']),
  ];
}
