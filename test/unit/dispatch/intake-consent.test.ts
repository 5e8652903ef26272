import { loadDispatchConfig } from '../../../src/domain/config/load';
import { caseFromReferral } from '../../../src/use-cases/intake/intake';
import { ReferralSchema, type Channel } from '../../../src/domain';

const config = loadDispatchConfig();
const referral = (channel: Channel, consent: boolean) =>
  ReferralSchema.parse({
    externalId: `${channel}-${String(consent)}`,
    channel,
    category: 'family',
    township: 't03',
    village: 't03-v02',
    parties: [{ ref: 'p1' }, { ref: 'p2' }],
    referredAt: '2026-03-20T08:00:00.000Z',
    consent,
  });

const statusOf = (channel: Channel, consent: boolean) => {
  const r = caseFromReferral(referral(channel, consent), config);
  if (!r.ok) throw new Error(r.message);
  return r.case.status;
};

describe('intake and consent (issue 16 item 3)', () => {
  test('when a court referral comes without consent, then the case awaits consent instead of waiting for dispatch', () => {
    expect(statusOf('court', false)).toBe('awaiting_consent');
  });

  test('when a court referral comes with consent, or another channel comes at all, then the case waits for dispatch as before', () => {
    expect(statusOf('court', true)).toBe('referred');
    for (const channel of ['petition', 'police', 'walk_in'] as const) {
      expect(statusOf(channel, true)).toBe('referred');
      expect(statusOf(channel, false)).toBe('referred');
    }
  });

  test('when a referral says how consent was obtained, then the method is kept; an unknown method is refused', () => {
    const r = caseFromReferral(ReferralSchema.parse({ ...referral('police', true), consentMethod: 'on_site' }), config);
    expect(r.ok && r.case.consentMethod).toBe('on_site');
    expect(ReferralSchema.safeParse({ ...referral('police', true), consentMethod: 'by_phone' }).success).toBe(false);
  });
});
