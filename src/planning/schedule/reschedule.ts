import { mediatorFree } from './options';
import { scheduleSessions, type SchedulerOptions } from './scheduler';
import type { Booking, BusyEntry, ScheduleInput, ScheduleResult } from './types';

export interface RescheduleChange {
  /** Sessions cancelled: their bookings are dropped and their slots freed. @defaultValue [] */
  readonly cancelledSessionIds?: readonly string[];
}

export type RescheduleResult =
  | {
      readonly status: 'optimal';
      /** Bookings still valid, unchanged (never moved). */
      readonly kept: readonly Booking[];
      /** Bookings that had to move (a mediator went on leave or stopped offering the half-day, or the room is gone): old and new. */
      readonly moved: readonly { readonly from: Booking; readonly to: Booking | null }[];
      /** Sessions not booked before, now placed. */
      readonly added: readonly Booking[];
      readonly unscheduled: Extract<ScheduleResult, { status: 'optimal' }>['unscheduled'];
    }
  | { readonly status: 'error'; readonly message: string };

/** True while every mediator can still sit in the booked slot and the room still exists. */
function stillValid(input: ScheduleInput, b: Booking): boolean {
  if (!input.rooms.some((r) => r.id === b.roomId)) return false;
  return b.mediatorIds.every((id) => {
    const m = input.mediators.find((x) => x.id === id);
    return m !== undefined && mediatorFree(m, b.slot);
  });
}

/**
 * Repairs a schedule after a cancellation or a change of mediators (leave, availability): valid
 * bookings stay exactly where they are and block their mediators and rooms; invalidated bookings
 * and sessions not yet booked are placed again by the exact scheduler around them.
 * `input.sessions` must hold a request for every session to place, including the booked ones.
 */
export async function reschedule(
  input: ScheduleInput,
  current: readonly Booking[],
  change: RescheduleChange = {},
  opts?: SchedulerOptions,
): Promise<RescheduleResult> {
  const cancelled = new Set(change.cancelledSessionIds ?? []);
  const live = current.filter((b) => !cancelled.has(b.sessionId));
  const kept = live.filter((b) => stillValid(input, b));
  const invalid = live.filter((b) => !stillValid(input, b));
  const keptIds = new Set(kept.map((b) => b.sessionId));
  const toPlace = input.sessions.filter((s) => !keptIds.has(s.id) && !cancelled.has(s.id));
  const busy: BusyEntry[] = [
    ...(input.busy ?? []),
    ...kept.flatMap((b) => [{ slot: b.slot, roomId: b.roomId }, ...b.mediatorIds.map((mediatorId) => ({ slot: b.slot, mediatorId }))]),
  ];
  const out = await scheduleSessions({ ...input, sessions: toPlace, busy }, opts);
  if (out.status !== 'optimal') return out;
  const byId = new Map(out.bookings.map((b) => [b.sessionId, b]));
  const invalidIds = new Set(invalid.map((b) => b.sessionId));
  return {
    status: 'optimal',
    kept,
    moved: invalid.map((from) => ({ from, to: byId.get(from.sessionId) ?? null })),
    added: out.bookings.filter((b) => !invalidIds.has(b.sessionId)),
    unscheduled: out.unscheduled,
  };
}
