import type { Session } from '../../domain/session';

/** Sessions booked on mediators' and rooms' calendars, for one county. */
export interface SessionCalendar {
  /** Sessions on a mediator's or a room's calendar in [from, to), in time order. */
  calendar(kind: 'mediator' | 'room', id: string, from: Date, to: Date): Promise<Session[]>;
}
