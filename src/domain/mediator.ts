import { z } from 'zod';
import { LocationSchema } from './geo';
import { CategorySchema, TierSchema } from './taxonomy';
import { DAY_MS } from './time';
import { DateOrInstantSchema, parseDateOrInstant } from './instant';
import { LIMITS } from './limits';
import { IdentifierSchema } from './party-identifier';

const id = IdentifierSchema;
/** A date (`2024-03-20`) or an RFC 3339 date-time. */
const isoDate = DateOrInstantSchema;

/** A period away, inclusive of both ends. */
export const LeavePeriodSchema = z.strictObject({ from: isoDate, until: isoDate });
export type LeavePeriod = z.infer<typeof LeavePeriodSchema>;

/** A weekly half-day slot: `weekday` 1 = Monday … 7 = Sunday. */
export const HalfDaySlotSchema = z.strictObject({
  weekday: z.number().int().min(1).max(7),
  half: z.enum(['am', 'pm']),
});
export type HalfDaySlot = z.infer<typeof HalfDaySlotSchema>;

/** Proficiency 0..1 per dispute category; categories not listed count as 0. */
export const ExpertiseSchema = z.partialRecord(CategorySchema, z.number().min(0).max(1));
export type Expertise = z.infer<typeof ExpertiseSchema>;

export const MediatorStatusSchema = z.enum(['active', 'on_leave']);
export type MediatorStatus = z.infer<typeof MediatorStatusSchema>;

export const MediatorSchema = z.strictObject({
  id,
  name: z.string().min(1).max(LIMITS.name),
  tier: TierSchema,
  /**
   * The sector organisation (industry tier), the village committee (village tier) or the centre
   * (gold tier); an id from the county configuration.
   */
  organization: id,
  township: id,
  /** The mediator's own village; present for the village tier. */
  village: id.optional(),
  location: LocationSchema,
  expertise: ExpertiseSchema,
  /** Most open cases at once, at most LIMITS.capacity. */
  capacity: z.number().int().min(0).max(LIMITS.capacity),
  /** `on_leave` takes the mediator out of dispatch until set back to `active`. @defaultValue "active" */
  status: MediatorStatusSchema.default('active'),
  /** Planned absences; the mediator gets no case while one covers the dispatch time. @defaultValue [] */
  leave: z.array(LeavePeriodSchema).max(LIMITS.leavePeriods).default([]),
  /** Weekly half-days the mediator can hold sessions. @defaultValue [] (not yet stated) */
  availability: z.array(HalfDaySlotSchema).max(LIMITS.availability).default([]),
  /** Party refs the mediator must not mediate for (kin, prior dealings). @defaultValue [] */
  recusals: z.array(id).max(LIMITS.recusals).default([]),
});
export type Mediator = z.infer<typeof MediatorSchema>;
export type MediatorInput = z.input<typeof MediatorSchema>;

/** True when the mediator cannot take cases at `at`: status on leave, or a leave period covers it. */
export function isOnLeave(m: Pick<Mediator, 'status' | 'leave'>, at: Date): boolean {
  if (m.status === 'on_leave') return true;
  const t = at.getTime();
  return m.leave.some((p) => {
    const from = parseDateOrInstant(p.from) ?? Number.POSITIVE_INFINITY;
    // A bare date as `until` means the whole of that day.
    const until = (parseDateOrInstant(p.until) ?? Number.NEGATIVE_INFINITY) + (p.until.length <= 10 ? DAY_MS - 1 : 0);
    return t >= from && t <= until;
  });
}

/** The mediator's proficiency in a category (0 when unlisted). */
export function proficiency(m: Pick<Mediator, 'expertise'>, category: z.infer<typeof CategorySchema>): number {
  return m.expertise[category] ?? 0;
}
