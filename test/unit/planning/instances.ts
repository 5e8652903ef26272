import fc from 'fast-check';
import type { Room } from '../../../src/domain/session';
import type { CaseClass } from '../../../src/domain/taxonomy';
import { horizon } from '../../../src/planning/schedule/slots';
import type { ScheduleInput, ScheduleMediator, SessionRequest, TimedSlot } from '../../../src/planning/schedule/types';
import { distanceKm } from '../../../src/domain/geo';

export const CLOCK = { timeZone: '+08:00', am: { start: '09:00', end: '12:00' }, pm: { start: '14:30', end: '17:30' } };
/** Monday 2026-03-02, 08:00 local. */
export const FROM = '2026-03-02T00:00:00.000Z';

export const KINDS: ScheduleInput['kindsByClass'] = {
  ordinary: ['committee', 'centre'],
  professional: ['centre', 'legal_expert', 'committee'],
  major: ['named', 'legal_expert', 'centre'],
};

export const place = (lat: number, lng: number) => ({ lat, lng });

export function room(id: string, kind: Room['kind'], township: string, lat: number, lng: number): Room {
  return { id, kind, township, location: place(lat, lng), name: { zh: id, en: id } };
}

/** A random small calendar: mediators with random weekly half-days, sessions with random targets, deadlines, windows and panels. */
export function instanceArb(opts: { maxSessions: number; days: number; mediators: number }): fc.Arbitrary<ScheduleInput> {
  const slots = horizon(FROM, opts.days, CLOCK);
  const halfDays = fc.subarray(
    [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => (['am', 'pm'] as const).map((half) => ({ weekday, half }))),
    { minLength: 1 },
  );
  const mediatorArb = (i: number) =>
    fc
      .record({
        availability: halfDays,
        lat: fc.double({ min: 38.4, max: 38.9, noNaN: true }),
        lng: fc.double({ min: 100.9, max: 101.3, noNaN: true }),
        leaveDay: fc.option(fc.integer({ min: 0, max: opts.days - 1 })),
      })
      .map((r): ScheduleMediator => ({
        id: `m${i}`,
        location: place(r.lat, r.lng),
        availability: r.availability,
        status: 'active',
        leave: r.leaveDay === null ? [] : [{ from: slots[r.leaveDay * 2]!.date, until: slots[r.leaveDay * 2]!.date }],
      }));
  const mediators = fc.tuple(...Array.from({ length: opts.mediators }, (_, i) => mediatorArb(i)));
  const sessionArb = (i: number) =>
    fc
      .record({
        cls: fc.constantFrom<CaseClass>('ordinary', 'professional', 'major'),
        m1: fc.integer({ min: 0, max: opts.mediators - 1 }),
        m2: fc.integer({ min: 0, max: opts.mediators - 1 }),
        township: fc.constantFrom('t01', 't02'),
        target: fc.integer({ min: 0, max: slots.length - 1 }),
        deadline: fc.option(fc.integer({ min: 0, max: slots.length - 1 }), { freq: 2 }),
        windows: fc.option(
          fc.subarray(
            slots.map((_, k) => k),
            { minLength: 1 },
          ),
        ),
      })
      .map((r): SessionRequest => {
        const panel = r.cls === 'major' && r.m1 !== r.m2 ? [`m${r.m1}`, `m${r.m2}`] : [`m${r.m1}`];
        return {
          id: `s${i}`,
          caseId: `c${i}`,
          class: r.cls,
          mediatorIds: panel,
          township: r.township,
          location: place(38.5 + i * 0.03, 101),
          notBefore: FROM,
          targetAt: slots[r.target]!.start,
          deadlineAt: r.deadline === null ? null : slots[r.deadline]!.end,
          ...(r.windows ? { partyWindows: r.windows.map((k) => ({ date: slots[k]!.date, half: slots[k]!.half })) } : {}),
        };
      });
  const sessions = fc
    .integer({ min: 1, max: opts.maxSessions })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => sessionArb(i))));
  const rooms: Room[] = [
    room('centre-1', 'centre', 't01', 38.78, 101.08),
    room('centre-2', 'centre', 't01', 38.78, 101.08),
    room('legal-1', 'legal_expert', 't01', 38.78, 101.08),
    room('named-1', 'named', 't01', 38.78, 101.08),
    room('committee-t01', 'committee', 't01', 38.78, 101.08),
    room('committee-t02', 'committee', 't02', 38.85, 100.87),
  ];
  const busyArb = fc.array(
    fc.record({ slot: fc.integer({ min: 0, max: slots.length - 1 }), who: fc.constantFrom('m0', 'm1', 'centre-1', 'committee-t02') }),
    { maxLength: 3 },
  );
  return fc.tuple(mediators, sessions, busyArb, fc.subarray(rooms, { minLength: 1 })).map(([ms, ss, busy, rs]) => ({
    slots,
    sessions: ss,
    mediators: ms,
    rooms: rs,
    kindsByClass: KINDS,
    busy: busy.map((b) => ({
      slot: { date: slots[b.slot]!.date, half: slots[b.slot]!.half },
      ...(b.who.startsWith('m') ? { mediatorId: b.who } : { roomId: b.who }),
    })),
  }));
}

// ---- An independent reading of the rules, room by room (no grouping), for checks and brute force.

const key = (s: { date: string; half: string }) => `${s.date}/${s.half}`;

export function feasible(input: ScheduleInput, s: SessionRequest, slot: TimedSlot, r: Room): boolean {
  if (Date.parse(slot.start) < Date.parse(s.notBefore)) return false;
  if (s.deadlineAt && Date.parse(slot.end) > Date.parse(s.deadlineAt)) return false;
  if (s.partyWindows && !s.partyWindows.some((w) => key(w) === key(slot))) return false;
  if (!(s.roomKinds ?? input.kindsByClass[s.class]).includes(r.kind)) return false;
  if (r.kind === 'committee' && r.township !== s.township) return false;
  const busy = input.busy ?? [];
  if (busy.some((b) => b.roomId === r.id && key(b.slot) === key(slot))) return false;
  for (const id of s.mediatorIds) {
    const m = input.mediators.find((x) => x.id === id);
    if (!m || m.status !== 'active') return false;
    if (!m.availability.some((a) => a.weekday === slot.weekday && a.half === slot.half)) return false;
    if (m.leave.some((p) => p.from <= slot.date && slot.date <= p.until)) return false;
    if (busy.some((b) => b.mediatorId === id && key(b.slot) === key(slot))) return false;
  }
  return true;
}

export function lateness(slot: TimedSlot, target: string): number {
  const ms = Date.parse(slot.start) - Date.parse(target);
  return ms <= 0 ? 0 : Math.ceil(ms / 43_200_000);
}

export function travel(input: ScheduleInput, s: SessionRequest, r: Room): number {
  return s.mediatorIds.reduce(
    (t, id) => t + distanceKm(input.mediators.find((m) => m.id === id)!.location, r.location),
    distanceKm(s.location, r.location),
  );
}

export interface Lexi {
  readonly scheduled: number;
  readonly late: number;
  readonly travel: number;
}

/** Best (most scheduled, then least late, then least travel) over every assignment, by exhaustive search. */
export function bruteForce(input: ScheduleInput): Lexi {
  const opts = input.sessions.map((s) =>
    input.slots.flatMap((slot, t) =>
      input.rooms
        .filter((r) => feasible(input, s, slot, r))
        .map((r) => ({ t, slot, r, late: lateness(slot, s.targetAt), km: travel(input, s, r) })),
    ),
  );
  let best: Lexi = { scheduled: -1, late: 0, travel: 0 };
  const better = (a: Lexi, b: Lexi) =>
    a.scheduled !== b.scheduled ? a.scheduled > b.scheduled : a.late !== b.late ? a.late < b.late : a.travel < b.travel - 1e-9;
  const usedRoom = new Set<string>();
  const usedMed = new Set<string>();
  const go = (i: number, cur: Lexi) => {
    if (i === input.sessions.length) {
      if (better(cur, best)) best = cur;
      return;
    }
    go(i + 1, cur);
    const s = input.sessions[i]!;
    for (const o of opts[i]!) {
      const rk = `${o.r.id}@${o.t}`;
      const mk = s.mediatorIds.map((m) => `${m}@${o.t}`);
      if (usedRoom.has(rk) || mk.some((k) => usedMed.has(k))) continue;
      usedRoom.add(rk);
      mk.forEach((k) => usedMed.add(k));
      go(i + 1, { scheduled: cur.scheduled + 1, late: cur.late + o.late, travel: cur.travel + o.km });
      usedRoom.delete(rk);
      mk.forEach((k) => usedMed.delete(k));
    }
  };
  go(0, { scheduled: 0, late: 0, travel: 0 });
  return best;
}
