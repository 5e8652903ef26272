import { z } from 'zod';
import { RoomKindSchema, RoomSchema } from '../session';
import roomsJson from './rooms.json';
import { ConfigError } from '../errors/app-error';
import { parseOrThrow } from './parse-config';

const hhmm = z.string().regex(/^\d{2}:\d{2}$/, 'must be HH:MM');
const halfDay = z.strictObject({ start: hhmm, end: hhmm });

/** Rooms and the half-day clock (src/domain/config/rooms.json). */
export const RoomsConfigSchema = z.strictObject({
  $comment: z.string().optional(),
  halfDays: z.strictObject({ timeZone: z.string().regex(/^[+-]\d{2}:\d{2}$/), am: halfDay, pm: halfDay }),
  /** Room kinds each class's sessions may use; committee rooms only in the case's own township. */
  kindsByClass: z.strictObject({
    ordinary: z.array(RoomKindSchema).min(1),
    professional: z.array(RoomKindSchema).min(1),
    major: z.array(RoomKindSchema).min(1),
  }),
  /** Committee rooms a session may use: the nearest this many in the case's township. @defaultValue 3 */
  nearestCommitteeRooms: z.number().int().min(1).default(3),
  rooms: z.array(RoomSchema).min(1),
});
export type RoomsConfig = z.infer<typeof RoomsConfigSchema>;

export function loadRoomsConfig(raw: unknown = roomsJson): RoomsConfig {
  const config = parseOrThrow(RoomsConfigSchema, raw, 'rooms.json');
  const ids = new Set<string>();
  for (const r of config.rooms) {
    if (ids.has(r.id)) throw new ConfigError(`rooms.json: rooms: duplicate id "${r.id}"`);
    ids.add(r.id);
  }
  return config;
}
