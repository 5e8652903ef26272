import { z } from 'zod';
import { CalendarDateSchema, InstantSchema } from './instant';
import { FreeTextSchema, LIMITS } from './limits';
import { IdentifierSchema, ServiceIdSchema } from './party-identifier';

const id = IdentifierSchema;
const isoDateTime = InstantSchema;
const isoDay = CalendarDateSchema;

/** A concrete half-day: `2026-11-30` `am`. Sessions are placed in these. */
export const DatedSlotSchema = z.strictObject({ date: isoDay, half: z.enum(['am', 'pm']) });
export type DatedSlot = z.infer<typeof DatedSlotSchema>;

/** Where sessions are held: the kinds of room the centre and the committees have. */
export const ROOM_KINDS = ['centre', 'legal_expert', 'named', 'committee'] as const;
export const RoomKindSchema = z.enum(ROOM_KINDS);
export type RoomKind = z.infer<typeof RoomKindSchema>;

/** Someone summoned to a session (a department, by ref) and whether they arrived on time. */
export const ArrivalSchema = z.strictObject({ ref: id, onTime: z.boolean() });
export type Arrival = z.infer<typeof ArrivalSchema>;

export const SESSION_STATUSES = ['scheduled', 'held', 'cancelled'] as const;

/** One mediation session of a case. */
export const SessionSchema = z.strictObject({
  id,
  caseId: ServiceIdSchema,
  /** The attempt (1-based) the session belongs to. */
  attempt: z.number().int().min(1).max(LIMITS.attempts),
  /** The first session of its attempt (the one the class target is about). */
  first: z.boolean(),
  mediatorIds: z.array(id).min(1).max(LIMITS.seats),
  roomId: id,
  slot: DatedSlotSchema,
  start: isoDateTime,
  end: isoDateTime,
  status: z.enum(SESSION_STATUSES),
  heldAt: isoDateTime.optional(),
  /** Summoned departments' arrivals, recorded when the session is held. @defaultValue [] */
  arrivals: z.array(ArrivalSchema).max(LIMITS.parties).default([]),
  cancelReason: FreeTextSchema.optional(),
});
export type Session = z.infer<typeof SessionSchema>;

/** A room sessions can be held in (one session per half-day). */
export const RoomSchema = z.strictObject({
  id,
  kind: RoomKindSchema,
  name: z.strictObject({ zh: z.string().min(1).max(LIMITS.name), en: z.string().min(1).max(LIMITS.name) }),
  township: id,
  location: z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }),
});
export type Room = z.infer<typeof RoomSchema>;
