import type { z } from 'zod';
import { LifecycleCommandSchema, MediatorSchema, ReferralSchema, type MediatorInput, type ReferralInput } from '../../../src/domain';
import { ValidationError } from '../../../src/domain/errors';
import { LIMITS } from '../../../src/domain/limits';
import { parsePart } from '../../../src/adapters/http/route';
import { MediatorPatchSchema } from '../../../src/adapters/http/routes/mediators';

const referral: ReferralInput = {
  externalId: 'ext-1',
  channel: 'court',
  category: 'neighbour',
  township: 't01',
  village: 't01-v01',
  parties: [{ ref: 'p-1' }, { ref: 'p-2' }],
  referredAt: '2026-03-05T09:30:00Z',
  consent: true,
};

const mediator: MediatorInput = {
  id: 'm-1',
  name: 'Li Ming',
  tier: 'village',
  organization: 'vc-t01-v01',
  township: 't01',
  village: 't01-v01',
  location: { lat: 30, lng: 110 },
  expertise: { neighbour: 0.8 },
  capacity: 10,
};

/** The first field the API would name in its 400 for this body. */
function rejectedField(schema: z.ZodType, body: unknown): string | undefined {
  try {
    parsePart(schema, body, 'body');
  } catch (e) {
    if (e instanceof ValidationError) return e.issues[0]?.field;
    throw e;
  }
  return undefined;
}

const many = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));

describe('every number, string and list is bounded, and the 400 names the field (issue 18)', () => {
  test('the valid bodies pass, so each row below fails for its own reason', () => {
    expect(rejectedField(ReferralSchema, referral)).toBeUndefined();
    expect(rejectedField(MediatorSchema, mediator)).toBeUndefined();
    expect(rejectedField(MediatorPatchSchema, { capacity: LIMITS.capacity })).toBeUndefined();
  });

  test.each<[string, Partial<ReferralInput> | Record<string, unknown>, string]>([
    ['amount over 1e10 yuan', { amountYuan: 1e10 + 1 }, 'body.amountYuan'],
    ['priorPetitions over 1000', { priorPetitions: 1001 }, 'body.priorPetitions'],
    ['60,000 parties', { parties: many(60_000, (i) => ({ ref: `p-${i}` })) }, 'body.parties'],
    ['80,000 attempts', { attempts: many(80_000, (i) => `m-${i}`) }, 'body.attempts'],
    ['a 900 KB externalId', { externalId: 'x'.repeat(900_000) }, 'body.externalId'],
    ['a phone number as party ref', { parties: [{ ref: '13812345678' }] }, 'body.parties[0].ref'],
    ['a resident ID as externalId', { externalId: '11010519491231002X' }, 'body.externalId'],
    ['a name as party ref', { parties: [{ ref: '张三' }] }, 'body.parties[0].ref'],
    ['referredAt "1"', { referredAt: '1' }, 'body.referredAt'],
    ['referredAt "Tuesday 5 March"', { referredAt: 'Tuesday 5 March' }, 'body.referredAt'],
    ['referredAt in year 275760', { referredAt: '+275760-09-13T00:00:00Z' }, 'body.referredAt'],
    ['referredAt on 2026-02-30', { referredAt: '2026-02-30T00:00:00Z' }, 'body.referredAt'],
    ['deadlineAt not a date', { deadlineAt: 'soon' }, 'body.deadlineAt'],
    ['latitude 91', { location: { lat: 91, lng: 110 } }, 'body.location.lat'],
  ])('referral: when %s, then 400 naming %s', (_, change, field) => {
    expect(rejectedField(ReferralSchema, { ...referral, ...change })).toBe(field);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['capacity 169,220,804 (the poison pill)', { capacity: 169_220_804 }, 'body.capacity'],
    ['capacity over the maximum', { capacity: LIMITS.capacity + 1 }, 'body.capacity'],
    ['expertise above 1', { expertise: { neighbour: 1.5 } }, 'body.expertise.neighbour'],
    ['a 10,000-character name', { name: 'n'.repeat(10_000) }, 'body.name'],
    ['too many recusals', { recusals: many(LIMITS.recusals + 1, (i) => `p-${i}`) }, 'body.recusals'],
    ['a phone number among recusals', { recusals: ['p-1', '13912345678'] }, 'body.recusals[1]'],
    ['too many leave periods', { leave: many(LIMITS.leavePeriods + 1, () => ({ from: '2026-03-01', until: '2026-03-02' })) }, 'body.leave'],
    ['leave until 2026-02-30', { leave: [{ from: '2026-02-01', until: '2026-02-30' }] }, 'body.leave[0].until'],
    ['15 availability slots', { availability: many(15, (i) => ({ weekday: (i % 7) + 1, half: 'am' })) }, 'body.availability'],
    ['an id with a space', { id: 'm 1' }, 'body.id'],
  ])('mediator: when %s, then 400 naming %s', (_, change, field) => {
    expect(rejectedField(MediatorSchema, { ...mediator, ...change })).toBe(field);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['capacity 169,220,804', { capacity: 169_220_804 }, 'body.capacity'],
    ['capacity -1', { capacity: -1 }, 'body.capacity'],
    ['leave from "1"', { leave: [{ from: '1', until: '2026-03-02' }] }, 'body.leave[0].from'],
  ])('mediator patch: when %s, then 400 naming %s', (_, body, field) => {
    expect(rejectedField(MediatorPatchSchema, body)).toBe(field);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['settle over 1e10 yuan', { action: 'settle', amountYuan: 2e10, termsRef: 't-1', fulfilmentMode: 'voluntary' }, 'body.amountYuan'],
    ['a 2,001-character reason', { action: 'withdraw', reason: 'r'.repeat(LIMITS.freeText + 1) }, 'body.reason'],
    [
      '51 consenting parties',
      { action: 'extend_term', days: 30, consentingPartyRefs: many(51, (i) => `p-${i}`) },
      'body.consentingPartyRefs',
    ],
    [
      'a session ending on 2026-02-30',
      {
        action: 'schedule_session',
        sessionId: 's-1',
        roomId: 'r-1',
        slot: { date: '2026-03-05', half: 'am' },
        start: '2026-03-05T09:00:00+08:00',
        end: '2026-02-30T12:00:00+08:00',
      },
      'body.end',
    ],
    [
      'a slot on 2026-02-30',
      {
        action: 'schedule_session',
        sessionId: 's-1',
        roomId: 'r-1',
        slot: { date: '2026-02-30', half: 'am' },
        start: '2026-03-05T09:00:00+08:00',
        end: '2026-03-05T12:00:00+08:00',
      },
      'body.slot.date',
    ],
  ])('lifecycle command: when %s, then 400 naming %s', (_, body, field) => {
    expect(rejectedField(LifecycleCommandSchema, body)).toBe(field);
  });
});
