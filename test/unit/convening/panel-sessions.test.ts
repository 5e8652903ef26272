import fc from 'fast-check';
import { scheduleSessions } from '../../../src/planning/schedule/scheduler';
import { horizon } from '../../../src/planning/schedule/slots';
import type { Booking, ScheduleInput, ScheduleMediator, SessionRequest } from '../../../src/planning/schedule/types';
import type { Room, RoomKind } from '../../../src/domain/session';
import { bruteForce, CLOCK, FROM, instanceArb, KINDS, place, room } from '../planning/instances';

const DAYS = 4;
const slots = horizon(FROM, DAYS, CLOCK);
const key = (s: { date: string; half: string }) => `${s.date}/${s.half}`;

const ROOMS: Room[] = [
  room('centre-1', 'centre', 't01', 38.78, 101.08),
  room('named-1', 'named', 't01', 38.78, 101.08),
  room('legal-1', 'legal_expert', 't01', 38.78, 101.08),
  room('legal-2', 'legal_expert', 't01', 38.78, 101.08),
];

/**
 * Independent check of joint sessions: every member works that half-day, no member and no room
 * is in two sessions of one half-day (across rounds: `earlier` holds the first round's bookings),
 * and the room is of the session's own kinds when it has them.
 */
function expectJointValid(input: ScheduleInput, bookings: readonly Booking[], earlier: readonly Booking[] = []) {
  const seen = new Set<string>();
  for (const b of [...earlier, ...bookings]) {
    for (const k of [`room:${b.roomId}`, ...b.mediatorIds.map((m) => `med:${m}`)].map((x) => `${x}@${key(b.slot)}`)) {
      expect(seen.has(k)).toBe(false);
      seen.add(k);
    }
  }
  for (const b of bookings) {
    const s = input.sessions.find((x) => x.id === b.sessionId)!;
    expect([...b.mediatorIds].sort()).toEqual([...s.mediatorIds].sort());
    const r = ROOMS.find((x) => x.id === b.roomId)!;
    expect(s.roomKinds ?? input.kindsByClass[s.class]).toContain(r.kind);
    for (const id of s.mediatorIds) {
      const m = input.mediators.find((x) => x.id === id)!;
      expect(m.availability.some((a) => a.weekday === b.slot.weekday && a.half === b.slot.half)).toBe(true);
    }
    expect(Date.parse(b.slot.start)).toBeGreaterThanOrEqual(Date.parse(s.notBefore));
  }
}

const everyDay = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => (['am', 'pm'] as const).map((half) => ({ weekday, half })));

function member(id: string, availability = everyDay): ScheduleMediator {
  return { id, location: place(38.78, 101.08), availability, status: 'active', leave: [] };
}

function panelSession(id: string, mediatorIds: string[], roomKinds?: RoomKind[]): SessionRequest {
  return {
    id,
    caseId: `c-${id}`,
    class: 'major',
    mediatorIds,
    township: 't01',
    location: place(38.78, 101.08),
    notBefore: FROM,
    targetAt: slots[0]!.start,
    deadlineAt: null,
    ...(roomKinds ? { roomKinds } : {}),
  };
}

describe('joint sessions of panels', () => {
  test('when a four-member panel has one common free half-day, then the session is held then, all four booked, in a legal-expert room', async () => {
    const common = { weekday: 3, half: 'pm' as const };
    const input: ScheduleInput = {
      slots,
      sessions: [panelSession('s1', ['g1', 'e1', 'l1', 'x1'], ['legal_expert'])],
      mediators: [
        member('g1', [common, { weekday: 1, half: 'am' }]),
        member('e1', [common, { weekday: 2, half: 'am' }]),
        member('l1', [common, { weekday: 1, half: 'am' }]),
        member('x1', [common]),
      ],
      rooms: ROOMS,
      kindsByClass: KINDS,
    };
    const out = await scheduleSessions(input);
    if (out.status !== 'optimal') throw new Error(out.message);
    expect(out.bookings).toHaveLength(1);
    expect(out.bookings[0]!.slot.weekday).toBe(3);
    expect(out.bookings[0]!.slot.half).toBe('pm');
    expect(out.bookings[0]!.roomId).toMatch(/^legal-/);
    expect(out.bookings[0]!.mediatorIds).toEqual(['g1', 'e1', 'l1', 'x1']);
  });

  test('when three panels needing a legal-expert room share a half-day and only two such rooms exist, then the third goes to another half-day', async () => {
    const only = [
      { weekday: 1, half: 'am' as const },
      { weekday: 1, half: 'pm' as const },
    ];
    const input: ScheduleInput = {
      slots,
      sessions: [1, 2, 3].map((i) => panelSession(`s${i}`, [`g${i}`, `l${i}`], ['legal_expert'])),
      mediators: [1, 2, 3].flatMap((i) => [member(`g${i}`, only), member(`l${i}`, only)]),
      rooms: ROOMS,
      kindsByClass: KINDS,
    };
    const out = await scheduleSessions(input);
    if (out.status !== 'optimal') throw new Error(out.message);
    expect(out.bookings).toHaveLength(3);
    expectJointValid(input, out.bookings);
    expect(new Set(out.bookings.map((b) => key(b.slot))).size).toBe(2);
  });

  test('property: panels of 1–5 members over several rounds never double-book a member or a room, and meet in a room of their kind', async () => {
    const sessionArb = fc.record({
      members: fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 5 }),
      legal: fc.boolean(),
    });
    const mediatorArb = fc.array(fc.subarray(everyDay, { minLength: 1 }), { minLength: 8, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(fc.array(sessionArb, { minLength: 1, maxLength: 6 }), mediatorArb, async (specs, availability) => {
        const mediators = availability.map((a, i) => member(`m${i}`, a));
        const round = (n: number) =>
          specs.map((s, i) =>
            panelSession(
              `r${n}-s${i}`,
              s.members.map((k) => `m${k}`),
              s.legal ? ['legal_expert'] : undefined,
            ),
          );
        const first: ScheduleInput = { slots, sessions: round(1), mediators, rooms: ROOMS, kindsByClass: KINDS };
        const one = await scheduleSessions(first);
        if (one.status !== 'optimal') throw new Error(one.message);
        expectJointValid(first, one.bookings);
        // The follow-up round (after an adjournment): same panels, the first round's bookings stay.
        const busy = one.bookings.flatMap((b) => [
          { slot: b.slot, roomId: b.roomId },
          ...b.mediatorIds.map((mediatorId) => ({ slot: b.slot, mediatorId })),
        ]);
        const second: ScheduleInput = { ...first, sessions: round(2), busy };
        const two = await scheduleSessions(second);
        if (two.status !== 'optimal') throw new Error(two.message);
        expectJointValid(second, two.bookings, one.bookings);
      }),
      { numRuns: 40, seed: 17 },
    );
  });

  test('property: with panels of up to four and sessions that require a legal-expert room, the schedule still matches an exhaustive search', async () => {
    const withPanels = instanceArb({ maxSessions: 4, days: 2, mediators: 4 }).chain((input) =>
      fc
        .tuple(...input.sessions.map(() => fc.record({ extra: fc.subarray(['m0', 'm1', 'm2', 'm3']), legal: fc.boolean() })))
        .map((extras) => ({
          ...input,
          sessions: input.sessions.map((s, i) => {
            const x = extras[i]!;
            const members = [...new Set([...s.mediatorIds, ...x.extra])];
            return { ...s, mediatorIds: members, ...(x.legal ? { roomKinds: ['legal_expert' as const] } : {}) };
          }),
        })),
    );
    await fc.assert(
      fc.asyncProperty(withPanels, async (input) => {
        const exact = bruteForce(input);
        const out = await scheduleSessions({ ...input, weights: { perSlotIndex: 0 } });
        if (out.status !== 'optimal') throw new Error(out.message);
        expect(out.bookings.length).toBe(exact.scheduled);
        expect(out.lateHalfDays).toBe(exact.late);
        expect(out.travelKm).toBeCloseTo(exact.travel, 6);
      }),
      { numRuns: 60, seed: 17 },
    );
  });
});
