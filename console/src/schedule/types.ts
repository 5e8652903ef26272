import type { LabelText } from '../mediators/roster';

/** One session of GET /v1/calendars/{mediators|rooms}/:id (the fields the week view reads). */
export interface SessionView {
  readonly id: string;
  readonly caseId: string;
  readonly attempt: number;
  readonly first: boolean;
  readonly mediatorIds: readonly string[];
  readonly roomId: string;
  readonly slot: { readonly date: string; readonly half: 'am' | 'pm' };
  readonly start: string;
  readonly end: string;
  readonly status: string;
}

export interface CalendarView {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly sessions: readonly SessionView[];
}

/** One item of GET /v1/calendars/rooms. */
export interface RoomView {
  readonly id: string;
  readonly kind: string;
  readonly name: LabelText;
  readonly township: string;
}
