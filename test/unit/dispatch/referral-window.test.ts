import { referredAtOutsideWindow } from '../../../src/use-cases/intake/referral-window';
import { differingFields } from '../../../src/use-cases/intake/referral-conflict';
import { caseFromReferral } from '../../../src/use-cases/intake/intake';
import { loadDispatchConfig } from '../../../src/domain/config/load';
import { ReferralSchema, type Case, type Referral } from '../../../src/domain';

const now = new Date('2026-06-01T12:00:00.000Z');
const MIN = 60_000;
const DAY = 86_400_000;
const window = { now, maxAgeDays: 30, backfill: false };

describe('the referral window (injected now)', () => {
  test.each<[string, number, boolean, boolean]>([
    ['6 minutes ahead', now.getTime() + 6 * MIN, false, false],
    ['4 minutes ahead', now.getTime() + 4 * MIN, false, true],
    ['exactly now', now.getTime(), false, true],
    ['29 days old', now.getTime() - 29 * DAY, false, true],
    ['31 days old', now.getTime() - 31 * DAY, false, false],
    ['31 days old, backfill', now.getTime() - 31 * DAY, true, true],
    ['in 2030, backfill', Date.parse('2030-01-01T00:00:00Z'), true, false],
  ])('when a referral is dated %s (epoch ms %d, backfill %s), then its acceptance is %s', (_, referredAt, backfill, accepted) => {
    expect(referredAtOutsideWindow(referredAt, { ...window, backfill }) === null).toBe(accepted);
  });
});

describe('a re-posted externalId', () => {
  const config = loadDispatchConfig();
  const referral = ReferralSchema.parse({
    externalId: 'court-2026-0001',
    channel: 'court',
    category: 'traffic',
    township: 't03',
    village: 't03-v02',
    parties: [{ ref: 'p1' }, { ref: 'p2', village: 't03-v02' }],
    referredAt: '2026-05-20T08:00:00.000Z',
    consent: true,
  });
  const made = (r: Referral): Case => {
    const out = caseFromReferral(r, config);
    if (!out.ok) throw new Error(out.message);
    return out.case;
  };
  const stored = JSON.parse(JSON.stringify(made(referral))) as Record<string, unknown>;
  const differ = (r: unknown) => {
    const sent = ReferralSchema.parse(r);
    return differingFields(stored, made(sent), sent).sort();
  };

  test('when it is the same referral, defaults spelled out or not, then no field differs', () => {
    expect(differ(referral)).toEqual([]);
    expect(differ({ ...referral, amountYuan: 0, attempts: [], priorPetitions: 0 })).toEqual([]);
  });

  test('when the category and a party differ, then exactly those fields are named', () => {
    expect(differ({ ...referral, category: 'family', parties: [{ ref: 'p1' }, { ref: 'p3' }] })).toEqual(['category', 'parties']);
  });

  test('when only a class given the first time is left out, then the class is named', () => {
    const given = ReferralSchema.parse({ ...referral, class: 'major' });
    const storedGiven = JSON.parse(JSON.stringify(made(given))) as Record<string, unknown>;
    const sent = ReferralSchema.parse(referral);
    expect(differingFields(storedGiven, made(sent), sent)).toEqual(['class']);
  });
});
