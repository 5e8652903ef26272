import { loadDispatchConfig, parseDispatchConfig, ConfigError } from '../../../src/domain/config/load';
import { caseFromReferral } from '../../../src/use-cases/intake/intake';
import { ReferralSchema } from '../../../src/domain';
import { caseIdFor } from '../../../src/use-cases/intake/case-id';

const config = loadDispatchConfig();
const referral = ReferralSchema.parse({
  externalId: 'court-2024-0001',
  channel: 'court',
  category: 'traffic',
  township: 't03',
  village: 't03-v02',
  parties: [{ ref: 'p1' }, { ref: 'p2' }],
  referredAt: '2024-03-20T08:00:00.000Z',
  consent: true,
  amountYuan: 20000,
});

describe('intake', () => {
  test('when a court referral arrives without class or location, then the case gets a suggested class, the village location and the 30-day term', () => {
    const r = caseFromReferral(referral, config);
    if (!r.ok) throw new Error(r.message);
    expect(r.case).toMatchObject({
      id: caseIdFor('shandan', 'court-2024-0001'),
      class: 'professional',
      classSource: 'suggested',
      status: 'referred',
      assignment: null,
    });
    expect(r.case.deadlineAt).toBe('2024-04-19T08:00:00.000Z');
    expect(r.case.location).toEqual(
      config.county.townships.find((t) => t.id === 't03')!.villages.find((v) => v.id === 't03-v02')!.location,
    );
  });

  test('when the village is not in the township, then a data error names the field', () => {
    const r = caseFromReferral({ ...referral, village: 't01-v01' }, config);
    expect(r).toMatchObject({ ok: false, field: 'village' });
  });
});

describe('configuration', () => {
  test('the bundled configuration has 8 townships, 123 villages, 9 organisations with 185 mediators', () => {
    expect(config.county.townships).toHaveLength(8);
    expect(config.county.townships.reduce((a, t) => a + t.villages.length, 0)).toBe(123);
    expect(config.organizations.organizations).toHaveLength(9);
    expect(config.organizations.organizations.reduce((a, o) => a + o.headcount, 0)).toBe(185);
  });

  test('when panel seats share a tier, then loading refuses the configuration', () => {
    const tierRules = JSON.parse(JSON.stringify(config.tierRules));
    tierRules.seats.major[1].overflow = ['gold'];
    expect(() => parseDispatchConfig({ tierRules })).toThrow(ConfigError);
    expect(() => parseDispatchConfig({ tierRules })).toThrow(/disjoint tiers/);
  });

  test('when a weight is negative, then loading names the file and field', () => {
    expect(() => parseDispatchConfig({ weights: { ...config.weights, travelPer10Km: -1 } })).toThrow(/cost-weights\.json: travelPer10Km/);
  });
});
