import type { LifecycleConfig } from '../config/lifecycle-config';
import type { RoomsConfig } from '../config/rooms-config';
import { scheduleSessions } from '../optimizer/schedule/scheduler';
import { horizon } from '../optimizer/schedule/slots';
import type { Booking, BusyEntry, SessionRequest } from '../optimizer/schedule/types';
import type { Rng } from '../sim/rng';
import type { MemoryLifecycleStore } from './memory-store';
import { SIM_ASSUMPTIONS } from './sim-draws';
import { applyCommand } from './use-cases';
import { addDays } from './time';

export interface SchedulingStats {
  runs: number;
  placed: number;
  unscheduled: number;
  solveMs: number;
}

export interface ScheduleDayContext {
  readonly rooms: RoomsConfig;
  readonly config: LifecycleConfig;
  readonly stats: SchedulingStats;
  readonly rngFor: (caseId: string, what: string) => Rng;
  /** Days ahead the scheduler may place sessions. @defaultValue 14 */
  readonly horizonDays?: number;
}

/**
 * The evening scheduling run: every accepted case that needs a session (first or follow-up) is
 * placed by the exact scheduler around the sessions already booked, and booked through the
 * lifecycle (`schedule_session`). Follow-ups aim at a week from now.
 */
export async function scheduleDay(store: MemoryLifecycleStore, now: number, ctx: ScheduleDayContext): Promise<Booking[]> {
  const nowIso = new Date(now).toISOString();
  const files = (await store.listFiles()).filter((f) => f.status === 'accepted');
  if (files.length === 0) return [];
  const slots = horizon(nowIso, ctx.horizonDays ?? 14, ctx.rooms.halfDays);
  const busy: BusyEntry[] = [];
  for (const f of await store.listFiles()) {
    for (const s of f.sessions) {
      if (s.status !== 'scheduled') continue;
      busy.push({ slot: s.slot, roomId: s.roomId }, ...s.mediatorIds.map((mediatorId) => ({ slot: s.slot, mediatorId })));
    }
  }
  const requests: SessionRequest[] = files.map((f) => {
    const attempt = f.attempts[f.attempts.length - 1]!;
    const rng = ctx.rngFor(f.caseId, `windows-${f.sessions.length}`);
    const restricted = rng.bernoulli(SIM_ASSUMPTIONS.restrictedWindowsShare);
    return {
      id: `${f.caseId}-s${f.sessions.length + 1}`,
      caseId: f.caseId,
      class: f.class,
      mediatorIds: attempt.mediatorIds,
      township: f.township,
      location: store.caseView(f.caseId)!.location,
      notBefore: nowIso,
      targetAt: attempt.firstSessionAt ? addDays(nowIso, 7) : attempt.firstSessionTargetAt,
      deadlineAt: f.termEndsAt,
      ...(restricted ? { partyWindows: slots.filter(() => rng.bernoulli(SIM_ASSUMPTIONS.offeredSlotShare)).map((s) => ({ date: s.date, half: s.half })) } : {}),
    };
  });
  const started = performance.now();
  const out = await scheduleSessions({ slots, sessions: requests, mediators: await store.listMediators(), rooms: ctx.rooms.rooms, kindsByClass: ctx.rooms.kindsByClass, busy, nearestCommitteeRooms: ctx.rooms.nearestCommitteeRooms });
  ctx.stats.runs += 1;
  ctx.stats.solveMs += performance.now() - started;
  if (out.status !== 'optimal') throw new Error(`scheduler failed: ${out.message}`);
  ctx.stats.unscheduled += out.unscheduled.length;
  const booked: Booking[] = [];
  for (const b of out.bookings) {
    const res = await applyCommand(
      store,
      b.caseId,
      { action: 'schedule_session', sessionId: b.sessionId, roomId: b.roomId, slot: { date: b.slot.date, half: b.slot.half }, start: b.slot.start, end: b.slot.end },
      { by: 'scheduler', now: new Date(now), config: ctx.config },
    );
    if (res.status === 'ok') booked.push(b);
  }
  ctx.stats.placed += booked.length;
  return booked;
}
