import type { LifecycleConfig } from '../domain/config/lifecycle-config';
import type { RoomsConfig } from '../domain/config/rooms-config';
import type { Booking } from '../planning/schedule/types';
import type { Rng } from '../domain/random';
import type { MemoryLifecycleStore } from '../adapters/memory/lifecycle-memory-store';
import { SIM_ASSUMPTIONS } from './lifecycle-draws';
import { planSessions } from '../use-cases/lifecycle/session-planning';

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
}

/**
 * The simulation's evening scheduling run (planSessions), with the parties of some cases able to
 * come only on some half-days.
 */
export async function scheduleDay(store: MemoryLifecycleStore, now: number, ctx: ScheduleDayContext): Promise<Booking[]> {
  const started = performance.now();
  const out = await planSessions(store, new Date(now), {
    rooms: ctx.rooms,
    config: ctx.config,
    mediators: await store.listMediators(),
    locationOf: (id) => store.caseView(id)?.location,
    windowsOf: (f, slots) => {
      const rng = ctx.rngFor(f.caseId, `windows-${f.sessions.length}`);
      if (!rng.bernoulli(SIM_ASSUMPTIONS.restrictedWindowsShare)) return undefined;
      return slots.filter(() => rng.bernoulli(SIM_ASSUMPTIONS.offeredSlotShare)).map((s) => ({ date: s.date, half: s.half }));
    },
  });
  ctx.stats.runs += 1;
  ctx.stats.solveMs += performance.now() - started;
  // A solver fault inside a simulation, never a client's request: stays a plain Error.
  if (out.status !== 'ok') throw new Error(`scheduler failed: ${out.message}`);
  ctx.stats.unscheduled += out.unscheduled.length;
  ctx.stats.placed += out.booked.length;
  return [...out.booked];
}
