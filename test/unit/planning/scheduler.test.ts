import fc from 'fast-check';
import { reschedule } from '../../../src/planning/schedule/reschedule';
import { scheduleSessions } from '../../../src/planning/schedule/scheduler';
import { horizon } from '../../../src/planning/schedule/slots';
import type { ScheduleInput, SessionRequest } from '../../../src/planning/schedule/types';
import { bruteForce, CLOCK, feasible, FROM, instanceArb, KINDS, place, room } from './instances';

const slots = horizon(FROM, 5, CLOCK);
const weekdays = (half: 'am' | 'pm') => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, half }));

function request(over: Partial<SessionRequest> & { id: string; mediatorIds: string[] }): SessionRequest {
  return {
    caseId: `c-${over.id}`,
    class: 'ordinary',
    township: 't01',
    location: place(38.78, 101.08),
    notBefore: FROM,
    targetAt: slots[3]!.start,
    deadlineAt: null,
    ...over,
  };
}

const baseInput = (over: Partial<ScheduleInput>): ScheduleInput => ({
  slots,
  sessions: [],
  mediators: [],
  rooms: [room('centre-1', 'centre', 't01', 38.78, 101.08), room('named-1', 'named', 't01', 38.78, 101.08)],
  kindsByClass: KINDS,
  ...over,
});

/** The independent check: every booking feasible, no mediator or room twice in a slot. */
function expectValid(
  input: ScheduleInput,
  bookings: readonly { sessionId: string; slot: { date: string; half: string }; roomId: string; mediatorIds: readonly string[] }[],
) {
  const seen = new Set<string>();
  for (const b of bookings) {
    const s = input.sessions.find((x) => x.id === b.sessionId)!;
    const slot = input.slots.find((t) => t.date === b.slot.date && t.half === b.slot.half)!;
    const r = input.rooms.find((x) => x.id === b.roomId)!;
    expect(feasible(input, s, slot, r)).toBe(true);
    for (const k of [`room:${b.roomId}`, ...s.mediatorIds.map((m) => `med:${m}`)].map((x) => `${x}@${b.slot.date}/${b.slot.half}`)) {
      expect(seen.has(k)).toBe(false);
      seen.add(k);
    }
  }
}

describe('scheduleSessions', () => {
  it('when a panel has one common free half-day, then the major session is held then, in a room for major cases', async () => {
    const input = baseInput({
      mediators: [
        {
          id: 'g1',
          location: place(38.78, 101.08),
          availability: [
            { weekday: 2, half: 'am' },
            { weekday: 3, half: 'pm' },
          ],
          status: 'active',
          leave: [],
        },
        {
          id: 'e1',
          location: place(38.8, 101.1),
          availability: [
            { weekday: 3, half: 'pm' },
            { weekday: 4, half: 'am' },
          ],
          status: 'active',
          leave: [],
        },
      ],
      sessions: [request({ id: 's1', class: 'major', mediatorIds: ['g1', 'e1'] })],
    });
    const out = await scheduleSessions(input);
    expect(out).toMatchObject({ status: 'optimal', unscheduled: [] });
    if (out.status !== 'optimal') return;
    expect(out.bookings).toHaveLength(1);
    expect(out.bookings[0]).toMatchObject({ slot: { date: '2026-03-04', half: 'pm' } });
    expectValid(input, out.bookings);
  });

  it('when the only room is of a kind the class may not use, then the session is unscheduled with no feasible slot', async () => {
    const input = baseInput({
      rooms: [room('named-1', 'named', 't01', 38.78, 101.08), room('committee-t02', 'committee', 't02', 38.85, 100.87)],
      mediators: [{ id: 'm1', location: place(38.78, 101.08), availability: weekdays('am'), status: 'active', leave: [] }],
      sessions: [request({ id: 'a', class: 'ordinary', township: 't01', mediatorIds: ['m1'] })],
    });
    expect(await scheduleSessions(input)).toMatchObject({
      status: 'optimal',
      bookings: [],
      unscheduled: [{ sessionId: 'a', reason: 'no_feasible_slot' }],
    });
  });

  it('when two sessions share a mediator with one free slot before the deadline, then one is placed and the other is reported', async () => {
    const input = baseInput({
      mediators: [{ id: 'm1', location: place(38.78, 101.08), availability: [{ weekday: 1, half: 'pm' }], status: 'active', leave: [] }],
      sessions: [
        request({ id: 'a', mediatorIds: ['m1'], deadlineAt: slots[2]!.end }),
        request({ id: 'b', mediatorIds: ['m1'], deadlineAt: slots[2]!.end }),
      ],
    });
    const out = await scheduleSessions(input);
    if (out.status !== 'optimal') throw new Error(out.message);
    expect(out.bookings).toHaveLength(1);
    expect(out.unscheduled).toEqual([{ sessionId: out.bookings[0]!.sessionId === 'a' ? 'b' : 'a', reason: 'crowded_out' }]);
  });

  it('when a mediator is on leave or the only room is busy, then the session moves to the next free slot and counts as late', async () => {
    const input = baseInput({
      rooms: [room('committee-t01', 'committee', 't01', 38.78, 101.08)],
      mediators: [
        {
          id: 'm1',
          location: place(38.78, 101.08),
          availability: weekdays('am'),
          status: 'active',
          leave: [{ from: '2026-03-02', until: '2026-03-03' }],
        },
      ],
      sessions: [request({ id: 'a', mediatorIds: ['m1'], targetAt: slots[0]!.start })],
      busy: [{ slot: { date: '2026-03-04', half: 'am' }, roomId: 'committee-t01' }],
    });
    const out = await scheduleSessions(input);
    if (out.status !== 'optimal') throw new Error(out.message);
    expect(out.bookings[0]).toMatchObject({ slot: { date: '2026-03-05', half: 'am' }, lateHalfDays: 6 });
  });

  it('when sessions compete, then the one whose target is earlier gets the early slot (lateness first)', async () => {
    const input = baseInput({
      rooms: [room('centre-1', 'centre', 't01', 38.78, 101.08)],
      mediators: [
        { id: 'm1', location: place(38.78, 101.08), availability: weekdays('am'), status: 'active', leave: [] },
        { id: 'm2', location: place(38.5, 100.9), availability: weekdays('am'), status: 'active', leave: [] },
      ],
      sessions: [
        request({ id: 'relaxed', mediatorIds: ['m1'], targetAt: slots[8]!.start }),
        request({ id: 'urgent', mediatorIds: ['m2'], targetAt: slots[0]!.start }),
      ],
    });
    const out = await scheduleSessions(input);
    if (out.status !== 'optimal') throw new Error(out.message);
    expect(out.lateHalfDays).toBe(0);
    expect(out.bookings.find((b) => b.sessionId === 'urgent')!.slot.date).toBe('2026-03-02');
  });

  it('property: over random calendars, no mediator, panel member or room is ever double-booked and every booking is feasible', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb({ maxSessions: 8, days: 4, mediators: 4 }), async (input) => {
        const out = await scheduleSessions(input);
        if (out.status !== 'optimal') throw new Error(out.message);
        expectValid(input, out.bookings);
        expect(out.bookings.length + out.unscheduled.length).toBe(input.sessions.length);
      }),
      { numRuns: 60, seed: 20261127 },
    );
  });

  it('property: on small calendars the schedule matches an exhaustive search (most sessions before deadlines, then lateness, then travel)', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArb({ maxSessions: 4, days: 2, mediators: 3 }), async (input) => {
        const exact = bruteForce(input);
        const out = await scheduleSessions({ ...input, weights: { perSlotIndex: 0 } });
        if (out.status !== 'optimal') throw new Error(out.message);
        expect(out.bookings.length).toBe(exact.scheduled);
        expect(out.lateHalfDays).toBe(exact.late);
        expect(out.travelKm).toBeCloseTo(exact.travel, 6);
      }),
      { numRuns: 60, seed: 7 },
    );
  });
});

describe('reschedule', () => {
  it('when a mediator goes on leave, then only their sessions move, the others stay put, and a cancelled session frees its slot', async () => {
    const ms = ['m1', 'm2', 'm3'].map((id) => ({
      id,
      location: place(38.78, 101.08),
      availability: weekdays('am'),
      status: 'active' as const,
      leave: [] as { from: string; until: string }[],
    }));
    const input = baseInput({
      rooms: [room('centre-1', 'centre', 't01', 38.78, 101.08), room('centre-2', 'centre', 't01', 38.78, 101.08)],
      mediators: ms,
      sessions: [
        request({ id: 'a', mediatorIds: ['m1'], targetAt: slots[0]!.start }),
        request({ id: 'b', mediatorIds: ['m2'], targetAt: slots[0]!.start }),
        request({ id: 'c', mediatorIds: ['m3'], targetAt: slots[0]!.start }),
      ],
    });
    const first = await scheduleSessions(input);
    if (first.status !== 'optimal') throw new Error(first.message);
    expect(first.bookings).toHaveLength(3);
    const aSlot = first.bookings.find((b) => b.sessionId === 'a')!.slot;
    const onLeave = ms.map((m) => (m.id === 'm1' ? { ...m, leave: [{ from: aSlot.date, until: aSlot.date }] } : m));
    const out = await reschedule({ ...input, mediators: onLeave }, first.bookings, { cancelledSessionIds: ['c'] });
    if (out.status !== 'optimal') throw new Error(out.message);
    expect(out.kept.map((b) => b.sessionId)).toEqual(['b']);
    expect(out.kept[0]).toEqual(first.bookings.find((b) => b.sessionId === 'b'));
    expect(out.moved).toHaveLength(1);
    expect(out.moved[0]!.to!.slot.date > aSlot.date).toBe(true);
    expect(out.added).toEqual([]);
    expectValid({ ...input, mediators: onLeave }, [...out.kept, out.moved[0]!.to!]);
  });
});
