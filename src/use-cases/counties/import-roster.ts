import { MediatorSchema, type Mediator } from '../../domain';
import { canonicalJson } from '../../domain/canonical-json';
import { indexCounty } from '../../domain/config/county-index';
import type { DispatchConfig } from '../../domain/config/schema';
import { ValidationError, type FieldIssue } from '../../domain/errors';
import type { MediatorDirectory } from '../mediators/mediator-directory';
import type { RosterRow } from './roster-csv';

/** What a roster import did, mediator by mediator (the shape of `import court-figures`'s outcome). */
export interface RosterImportOutcome {
  readonly created: readonly string[];
  readonly updated: readonly { readonly id: string; readonly fields: readonly string[] }[];
  readonly unchanged: readonly string[];
}

/** Where a mediator points in the county: its township, its village in that township, its organisation. */
function placeIssues(m: Mediator, config: Pick<DispatchConfig, 'county' | 'organizations'>): { field: string; reason: string }[] {
  const county = indexCounty(config.county);
  const issues: { field: string; reason: string }[] = [];
  if (!county.township(m.township)) issues.push({ field: 'township', reason: `unknown township ${m.township} in this county` });
  if (m.village !== undefined) {
    const village = county.village(m.village);
    if (!village) issues.push({ field: 'village', reason: `unknown village ${m.village} in this county` });
    else if (village.township !== m.township)
      issues.push({ field: 'village', reason: `village ${m.village} is in township ${village.township}` });
  } else if (m.tier === 'village') issues.push({ field: 'village', reason: 'a village tier mediator needs their village' });
  const orgs = new Set(config.organizations.organizations.map((o) => o.id));
  if (m.tier === 'industry' && !orgs.has(m.organization))
    issues.push({ field: 'organization', reason: `unknown organisation ${m.organization} in this county` });
  if (m.tier === 'gold' && m.organization !== config.organizations.centre.id)
    issues.push({ field: 'organization', reason: `a gold tier mediator belongs to the centre ${config.organizations.centre.id}` });
  return issues;
}

/**
 * Every row checked before anything is written: the mediator schema, ids unique in the file, and
 * the county's own geography and organisations. One bad row → a ValidationError listing every
 * problem by where it is (CSV: line and column; JSON: the item's path).
 */
export function checkRoster(rows: readonly RosterRow[], config: Pick<DispatchConfig, 'county' | 'organizations'>): Mediator[] {
  const issues: FieldIssue[] = [];
  const mediators: Mediator[] = [];
  const seen = new Map<string, string>();
  for (const row of rows) {
    const parsed = MediatorSchema.safeParse(row.raw);
    if (!parsed.success) {
      issues.push(...parsed.error.issues.map((i) => ({ field: row.where(i.path.map(String).join('.')), reason: i.message })));
      continue;
    }
    const m = parsed.data;
    const first = seen.get(m.id);
    if (first !== undefined) issues.push({ field: row.where('id'), reason: `${m.id} repeats ${first}` });
    seen.set(m.id, row.label);
    issues.push(...placeIssues(m, config).map((i) => ({ field: row.where(i.field), reason: i.reason })));
    mediators.push(m);
  }
  if (issues.length > 0) {
    const shown = issues.slice(0, 5).map((i) => `${i.field}: ${i.reason}`);
    throw new ValidationError(issues, `${issues.length} problem(s): ${shown.join('; ')}${issues.length > 5 ? '; …' : ''}`);
  }
  return mediators;
}

function changedFields(before: Mediator, after: Mediator): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const at = (m: Mediator, k: string): string => canonicalJson((m as Record<string, unknown>)[k]);
  return keys.filter((k) => at(before, k) !== at(after, k));
}

/**
 * Writes a checked roster, idempotent per mediator: a mediator held with the same record is left
 * alone; a changed one is replaced and reported with its fields; the changed ones are written in
 * one call (one MULTI), so a failure writes none. Mediators held but absent from the file stay.
 */
export async function importRoster(directory: MediatorDirectory, mediators: readonly Mediator[]): Promise<RosterImportOutcome> {
  const held = new Map((await directory.list()).map((m) => [m.id, m]));
  const created: string[] = [];
  const updated: { id: string; fields: string[] }[] = [];
  const unchanged: string[] = [];
  const writes: Mediator[] = [];
  for (const m of mediators) {
    const before = held.get(m.id);
    if (!before) {
      created.push(m.id);
      writes.push(m);
      continue;
    }
    const fields = changedFields(before, m);
    if (fields.length === 0) unchanged.push(m.id);
    else {
      updated.push({ id: m.id, fields });
      writes.push(m);
    }
  }
  if (writes.length > 0) await directory.upsert(writes);
  return { created, updated, unchanged };
}
