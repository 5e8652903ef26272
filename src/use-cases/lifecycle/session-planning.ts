import type { Location } from '../../domain/geo';
import { currentAttempt, type CaseFile } from '../../domain/lifecycle-file';
import type { DatedSlot, RoomKind, Session } from '../../domain/session';
import type { LifecycleConfig } from '../../domain/config/lifecycle-config';
import type { RoomsConfig } from '../../domain/config/rooms-config';
import { scheduleSessions, type SchedulerOptions } from '../../planning/schedule/scheduler';
import { horizon, weekdayOf } from '../../planning/schedule/slots';
import { mediatorFree } from '../../planning/schedule/options';
import type { Booking, BusyEntry, ScheduleMediator, SessionRequest, TimedSlot } from '../../planning/schedule/types';
import type { LifecycleStore } from './lifecycle-port';
import { addDays } from '../../domain/time';
import { applyCommand } from './lifecycle-commands';
import { mustGet } from '../../domain/indexed-access';

/** Follow-up sessions aim at this many days after planning. */
export const FOLLOW_UP_TARGET_DAYS = 7;

/** Sessions already booked (scheduled, not yet held) in any file: they block mediators and rooms. */
export function bookedSlots(files: readonly CaseFile[]): BusyEntry[] {
  const busy: BusyEntry[] = [];
  for (const f of files) {
    for (const s of f.sessions) {
      if (s.status !== 'scheduled') continue;
      busy.push({ slot: s.slot, roomId: s.roomId }, ...s.mediatorIds.map((mediatorId) => ({ slot: s.slot, mediatorId })));
    }
  }
  return busy;
}

/**
 * The session each accepted case needs now: its first session (class target of the attempt, the
 * legal term as deadline) or a follow-up after an adjournment (a week from now).
 */
export function sessionRequests(
  files: readonly CaseFile[],
  locationOf: (caseId: string) => Location | undefined,
  nowIso: string,
  windowsOf: (file: CaseFile) => readonly DatedSlot[] | undefined = () => undefined,
  roomKindsOf: (caseId: string) => readonly RoomKind[] | undefined = () => undefined,
): SessionRequest[] {
  const out: SessionRequest[] = [];
  for (const f of files) {
    if (f.status !== 'accepted') continue;
    const location = locationOf(f.caseId);
    if (!location) continue;
    const attempt = currentAttempt(f);
    const windows = windowsOf(f);
    const kinds = roomKindsOf(f.caseId);
    out.push({
      id: `${f.caseId}-s${f.sessions.length + 1}`,
      caseId: f.caseId,
      class: f.class,
      mediatorIds: attempt.mediatorIds,
      township: f.township,
      location,
      notBefore: nowIso,
      targetAt: attempt.firstSessionAt ? addDays(nowIso, FOLLOW_UP_TARGET_DAYS) : attempt.firstSessionTargetAt,
      deadlineAt: f.termEndsAt,
      ...(windows ? { partyWindows: windows } : {}),
      ...(kinds ? { roomKinds: kinds } : {}),
    });
  }
  return out;
}

export interface PlanContext {
  readonly rooms: RoomsConfig;
  readonly config: LifecycleConfig;
  readonly mediators: readonly ScheduleMediator[];
  readonly locationOf: (caseId: string) => Location | undefined;
  readonly windowsOf?: (file: CaseFile, slots: readonly TimedSlot[]) => readonly DatedSlot[] | undefined;
  /**
   * Room kinds a case's sessions must use instead of its class's (a panel with a legal expert,
   * issue 17: cost-model/panel-plan.ts `panelRoomKinds`). @defaultValue the class's kinds
   */
  readonly roomKindsOf?: (caseId: string) => readonly RoomKind[] | undefined;
  /** Days ahead sessions may be placed. @defaultValue 14 */
  readonly horizonDays?: number;
  readonly scheduler?: SchedulerOptions;
  /** Actor for the history. @defaultValue "scheduler" */
  readonly by?: string;
}

/** Scheduled sessions one of whose mediators can no longer sit then (leave, status, availability changed). */
export function brokenSessions(
  files: readonly CaseFile[],
  mediators: readonly ScheduleMediator[],
): { readonly session: Session; readonly mediatorId: string }[] {
  const byId = new Map(mediators.map((m) => [m.id, m]));
  const out: { session: Session; mediatorId: string }[] = [];
  for (const f of files) {
    if (f.status !== 'session_scheduled') continue;
    for (const s of f.sessions) {
      if (s.status !== 'scheduled') continue;
      const slot: TimedSlot = { date: s.slot.date, half: s.slot.half, start: s.start, end: s.end, weekday: weekdayOf(s.slot.date) };
      const gone = s.mediatorIds.find((id) => {
        const m = byId.get(id);
        return !m || !mediatorFree(m, slot);
      });
      if (gone) out.push({ session: s, mediatorId: gone });
    }
  }
  return out;
}

export type PlanOutcome =
  | {
      readonly status: 'ok';
      /** Sessions cancelled because a mediator can no longer attend (re-placed in `booked` when possible). */
      readonly cancelled: readonly { readonly caseId: string; readonly sessionId: string; readonly mediatorId: string }[];
      readonly booked: readonly Booking[];
      readonly unscheduled: readonly { readonly sessionId: string; readonly caseId: string; readonly reason: string }[];
    }
  | { readonly status: 'error'; readonly message: string };

/**
 * Repairs and extends the schedule: first cancels booked sessions a mediator can no longer attend
 * (leave, status or weekly availability changed), then places a session for every accepted case —
 * including those just cancelled — exactly, around the sessions that stay, and books each through
 * the lifecycle (`schedule_session`). A case that changed meanwhile is skipped and planned next time.
 */
export async function planSessions(store: LifecycleStore, now: Date, ctx: PlanContext): Promise<PlanOutcome> {
  const nowIso = now.toISOString();
  const by = ctx.by ?? 'scheduler';
  const cancelled: { caseId: string; sessionId: string; mediatorId: string }[] = [];
  for (const { session, mediatorId } of brokenSessions(await store.listFiles(), ctx.mediators)) {
    const res = await applyCommand(
      store,
      session.caseId,
      { action: 'cancel_session', reason: `mediator ${mediatorId} unavailable; rescheduling` },
      { by, now, config: ctx.config },
    );
    if (res.status === 'ok') cancelled.push({ caseId: session.caseId, sessionId: session.id, mediatorId });
  }
  const files = await store.listFiles();
  const slots = horizon(nowIso, ctx.horizonDays ?? 14, ctx.rooms.halfDays);
  const windowsOf = ctx.windowsOf;
  const requests = sessionRequests(files, ctx.locationOf, nowIso, windowsOf ? (f) => windowsOf(f, slots) : undefined, ctx.roomKindsOf);
  if (requests.length === 0) return { status: 'ok', cancelled, booked: [], unscheduled: [] };
  const out = await scheduleSessions(
    {
      slots,
      sessions: requests,
      mediators: ctx.mediators,
      rooms: ctx.rooms.rooms,
      kindsByClass: ctx.rooms.kindsByClass,
      busy: bookedSlots(files),
      nearestCommitteeRooms: ctx.rooms.nearestCommitteeRooms,
    },
    ctx.scheduler,
  );
  if (out.status !== 'optimal') return out;
  const booked: Booking[] = [];
  for (const b of out.bookings) {
    const res = await applyCommand(
      store,
      b.caseId,
      {
        action: 'schedule_session',
        sessionId: b.sessionId,
        roomId: b.roomId,
        slot: { date: b.slot.date, half: b.slot.half },
        start: b.slot.start,
        end: b.slot.end,
      },
      { by, now, config: ctx.config },
    );
    if (res.status === 'ok') booked.push(b);
  }
  const caseOf = new Map(requests.map((r) => [r.id, r.caseId]));
  return {
    status: 'ok',
    cancelled,
    booked,
    unscheduled: out.unscheduled.map((u) => ({ ...u, caseId: mustGet(caseOf, u.sessionId, 'session') })),
  };
}
