import { z } from 'zod';
import departmentsJson from './departments.json';
import { LabelSchema, type Label } from '../labels';
import { CATEGORIES, CategorySchema, type Category } from '../taxonomy';
import { ConfigError } from '../errors/app-error';
import { parseOrThrow } from './parse-config';
import { omit } from '../omit';

/**
 * The departments the bundled roster names (中心吹哨、部门报到). Other parts of the service refer to
 * them by these ids; a county may add its own (any id of the same shape) with PUT /v1/settings/summons.
 */
export const DEFAULT_DEPARTMENT_IDS = [
  'court',
  'procuratorate',
  'public_security',
  'justice_bureau',
  'petition_office',
  'natural_resources',
  'human_resources_social_security',
  'health',
  'transport',
  'housing',
  'market_regulation',
  'agriculture_rural',
  'water_resources',
  'emergency_management',
  'civil_affairs',
] as const;

/** A department id: lower-case letters, digits and `_`. */
export const DepartmentIdSchema = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'department ids are lower-case letters, digits and "_"');
export type DepartmentId = z.infer<typeof DepartmentIdSchema>;

/** Most departments in one county's roster. */
export const MAX_DEPARTMENTS = 100;
/** Longest a summons may be reminded ahead: 30 days. */
const MAX_REMINDER_HOURS = 30 * 24;
/** Longest grace after the required arrival time: one day. */
const MAX_GRACE_MINUTES = 24 * 60;

export const DepartmentSchema = z
  .strictObject({
    id: DepartmentIdSchema,
    name: LabelSchema,
    /** Dispute categories the department answers for: what the centre (and the simulator) summons it to. */
    categories: z.array(CategorySchema).max(CATEGORIES.length),
  })
  .meta({ id: 'Department' });

/** The roster and the summons clock of a county (bundled: departments.json; per county: PUT /v1/settings/summons). */
export const SummonsSettingsSchema = z
  .strictObject({
    /** Hours before `requiredBy` at which a summons not yet checked in is reminded, each once. @defaultValue [24, 2] */
    reminderHoursBefore: z.array(z.number().int().min(1).max(MAX_REMINDER_HOURS)).max(10),
    /** Minutes after `requiredBy` without a check-in before the clock marks a summons missed and escalates. @defaultValue 30 */
    missGraceMinutes: z.number().int().min(0).max(MAX_GRACE_MINUTES),
    departments: z.array(DepartmentSchema).min(1).max(MAX_DEPARTMENTS),
  })
  .meta({ id: 'SummonsSettings' });
export type SummonsSettings = z.infer<typeof SummonsSettingsSchema>;

const FileSchema = SummonsSettingsSchema.extend({ $comment: z.string().optional() });

/** What zod cannot see: each department id once. Returns the problems, empty when none. */
export function crossCheckDepartments(s: Pick<SummonsSettings, 'departments'>): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const d of s.departments) {
    if (seen.has(d.id)) problems.push(`duplicate department id "${d.id}"`);
    seen.add(d.id);
  }
  return problems;
}

/** Validates a roster document (the bundled departments.json when absent); throws ConfigError. */
export function loadSummonsSettings(raw: unknown = departmentsJson): SummonsSettings {
  const settings = omit(parseOrThrow(FileSchema, raw, 'departments.json'), '$comment');
  const problems = crossCheckDepartments(settings);
  if (problems.length > 0) throw new ConfigError(`departments.json: ${problems.join('; ')}`);
  return settings;
}

let bundled: SummonsSettings | undefined;

/** The bundled roster and timings, validated once: what a county that never saved its own reads. */
export function defaultSummonsSettings(): SummonsSettings {
  bundled ??= loadSummonsSettings();
  return bundled;
}

/** The bundled departments' names by id (the labels `GET /v1/labels` serves). */
export function defaultDepartmentLabels(): Readonly<Record<string, Label>> {
  return Object.fromEntries(defaultSummonsSettings().departments.map((d) => [d.id, d.name]));
}

/** The departments of a roster answering for a category, in roster order. */
export function departmentsFor(category: Category, s: Pick<SummonsSettings, 'departments'>): DepartmentId[] {
  return s.departments.filter((d) => d.categories.includes(category)).map((d) => d.id);
}
