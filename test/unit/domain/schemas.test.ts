import { CATEGORIES, CATEGORY_LABELS, CaseSchema, MediatorSchema, ReferralSchema, distanceKm, isOnLeave } from '../../../src/domain';
import { mediator, waitingCase } from './fixtures';
import { caseIdFor } from '../../../src/use-cases/intake/case-id';

describe('domain schemas', () => {
  test('when a referral omits optional fields, then defaults apply and class stays optional', () => {
    const r = ReferralSchema.parse({
      externalId: 'court-2024-001',
      channel: 'court',
      category: 'land',
      township: 't1',
      village: 't1-v1',
      parties: [{ ref: 'p-1', village: 't1-v1' }, { ref: 'p-2' }],
      referredAt: '2024-03-20T08:00:00Z',
      consent: true,
    });
    expect(r.class).toBeUndefined();
    expect(r.attempts).toEqual([]);
    expect(r.amountYuan).toBe(0);
    expect(r.priorPetitions).toBe(0);
  });

  test('when a referral carries a party name field, then it is rejected (refs only)', () => {
    const res = ReferralSchema.safeParse({
      externalId: 'x',
      channel: 'court',
      category: 'land',
      township: 't1',
      village: 'v',
      consent: true,
      referredAt: '2024-03-20T08:00:00Z',
      parties: [{ ref: 'p-1', name: 'Zhang San' }],
    });
    expect(res.success).toBe(false);
  });

  test('when a mediator has an unknown category or proficiency above 1, then it is rejected', () => {
    expect(MediatorSchema.safeParse({ ...mediator({ id: 'm' }), expertise: { alchemy: 0.5 } }).success).toBe(false);
    expect(MediatorSchema.safeParse({ ...mediator({ id: 'm' }), expertise: { land: 1.5 } }).success).toBe(false);
  });

  test('every category has Chinese and English labels', () => {
    for (const c of CATEGORIES) {
      expect(CATEGORY_LABELS[c].zh.length).toBeGreaterThan(0);
      expect(CATEGORY_LABELS[c].en.length).toBeGreaterThan(0);
    }
    expect(CATEGORIES.length).toBeGreaterThanOrEqual(14);
  });

  test('a case is a referral plus id, county, status and assignment', () => {
    const c = waitingCase({ id: 'c1' });
    expect(CaseSchema.parse(c)).toEqual(c);
    expect(CaseSchema.safeParse({ ...c, class: undefined }).success).toBe(false);
  });

  test('when the same externalId is sent twice, then the case id is the same; other counties differ', () => {
    expect(caseIdFor('shandan', 'A-1')).toBe(caseIdFor('shandan', 'A-1'));
    expect(caseIdFor('shandan', 'A-1')).not.toBe(caseIdFor('shandan', 'A-2'));
    expect(caseIdFor('other', 'A-1')).not.toBe(caseIdFor('shandan', 'A-1'));
  });

  test('when a leave period covers the time, or status is on_leave, then the mediator is on leave', () => {
    const m = mediator({ id: 'm', leave: [{ from: '2024-03-18', until: '2024-03-20' }] });
    expect(isOnLeave(m, new Date('2024-03-20T17:00:00Z'))).toBe(true);
    expect(isOnLeave(m, new Date('2024-03-21T00:00:01Z'))).toBe(false);
    expect(isOnLeave(m, new Date('2024-03-17T23:00:00Z'))).toBe(false);
    expect(isOnLeave(mediator({ id: 'n', status: 'on_leave' }), new Date('2024-03-17T23:00:00Z'))).toBe(true);
  });

  test('distanceKm: one degree of latitude is about 111 km', () => {
    expect(distanceKm({ lat: 38, lng: 101 }, { lat: 39, lng: 101 })).toBeCloseTo(111.2, 0);
    expect(distanceKm({ lat: 38, lng: 101 }, { lat: 38, lng: 101 })).toBe(0);
  });
});
