import { CATEGORIES, CHANNELS, type Referral } from '../../../src/domain';
import { caseFromReferral } from '../../../src/use-cases/intake/intake';
import { generateCounty } from '../../../src/simulator/county';
import { referralsForDay } from '../../../src/simulator/referrals';
import { Rng } from '../../../src/domain/random';

/** Calibration against docs/simulator.md and the figures of shared domain.md. */
const county = generateCounty({ start: new Date('2023-01-01T00:00:00.000Z') });
const DAY_MS = 86_400_000;

const year: { day: Date; referrals: Referral[] }[] = [];
const rng = new Rng(county.seed);
const ctx = { config: county.config, params: county.params, mediators: county.mediators };
for (let d = 0; d < 365; d++) {
  const day = new Date(county.start.getTime() + d * DAY_MS);
  year.push({ day, referrals: referralsForDay(day, ctx, rng.fork(`referrals-${d}`)) });
}
const all = year.flatMap((y) => y.referrals);
const share = (pred: (r: Referral) => boolean, rs: readonly Referral[] = all) => rs.filter(pred).length / rs.length;

describe('simulated mediators', () => {
  test('555 mediators: 185 industry in 9 organisations by headcount, 355 village (at least 2 per village), 15 gold at the seat', () => {
    const m = county.mediators;
    expect(m).toHaveLength(555);
    expect(m.filter((x) => x.tier === 'industry')).toHaveLength(185);
    expect(m.filter((x) => x.tier === 'village')).toHaveLength(355);
    const gold = m.filter((x) => x.tier === 'gold');
    expect(gold).toHaveLength(15);
    expect(gold.every((g) => g.township === county.config.county.county.seat.township)).toBe(true);
    for (const org of county.config.organizations.organizations) {
      expect(m.filter((x) => x.organization === org.id)).toHaveLength(org.headcount);
    }
    const perVillage = new Map<string, number>();
    for (const x of m) if (x.village) perVillage.set(x.village, (perVillage.get(x.village) ?? 0) + 1);
    expect(perVillage.size).toBe(123);
    expect(Math.min(...perVillage.values())).toBeGreaterThanOrEqual(2);
    expect(new Set(m.map((x) => x.id)).size).toBe(555);
  });

  test('the map is about 60 × 80 km', () => {
    const lat = county.mediators.map((m) => m.location.lat);
    const lng = county.mediators.map((m) => m.location.lng);
    const nsKm = (Math.max(...lat) - Math.min(...lat)) * 111.2;
    const ewKm = (Math.max(...lng) - Math.min(...lng)) * 111.32 * Math.cos((38.8 * Math.PI) / 180);
    expect(nsKm).toBeGreaterThan(65);
    expect(nsKm).toBeLessThan(90);
    expect(ewKm).toBeGreaterThan(45);
    expect(ewKm).toBeLessThan(70);
  });

  test('when generated twice with one seed, then identical; another seed differs', () => {
    expect(generateCounty({ start: county.start }).mediators).toEqual(county.mediators);
    expect(generateCounty({ seed: 7, start: county.start }).mediators).not.toEqual(county.mediators);
  });
});

describe('simulated referrals over a year', () => {
  test('about 12,000 disputes a year (±4%)', () => {
    expect(all.length).toBeGreaterThan(12_000 * 0.96);
    expect(all.length).toBeLessThan(12_000 * 1.04);
  });

  test('channel mix per the 2023 figures: 2,841 court, 42 petition, 98 police, the rest walk-in', () => {
    const n = (c: string) => all.filter((r) => r.channel === c).length;
    expect(Math.abs(n('court') - 2841)).toBeLessThan(2841 * 0.08);
    expect(Math.abs(n('police') - 98)).toBeLessThan(35);
    expect(Math.abs(n('petition') - 42)).toBeLessThan(22);
    expect(share((r) => r.channel === 'walk_in')).toBeCloseTo(9019 / 12000, 1);
  });

  test('category mix within 3 points of each channel documented mix', () => {
    for (const ch of CHANNELS) {
      const rs = all.filter((r) => r.channel === ch);
      if (rs.length < 500) continue; // police and petition are too few for a tight check
      for (const cat of CATEGORIES) {
        const want = county.params.categoryMixByChannel[ch][cat] ?? 0;
        expect(Math.abs(share((r) => r.category === cat, rs) - want)).toBeLessThan(0.03);
      }
    }
  });

  test('weekly and seasonal peaks: Mondays busier than Sundays, January busier than July', () => {
    const mean = (f: (d: Date) => boolean) => {
      const days = year.filter((y) => f(y.day));
      return days.reduce((a, y) => a + y.referrals.length, 0) / days.length;
    };
    expect(mean((d) => d.getUTCDay() === 1)).toBeGreaterThan(1.4 * mean((d) => d.getUTCDay() === 0));
    expect(mean((d) => d.getUTCMonth() === 0)).toBeGreaterThan(1.2 * mean((d) => d.getUTCMonth() === 6));
  });

  test('class mix as documented: about 60% ordinary, 38% professional, 2–3% major (±3 points)', () => {
    const classes = all.map((r) => {
      const res = caseFromReferral(r, county.config);
      if (!res.ok) throw new Error(res.message);
      return res.case.class;
    });
    const s = (k: string) => classes.filter((c) => c === k).length / classes.length;
    expect(Math.abs(s('ordinary') - 0.6)).toBeLessThan(0.03);
    expect(Math.abs(s('professional') - 0.38)).toBeLessThan(0.03);
    expect(s('major')).toBeGreaterThan(0.01);
    expect(s('major')).toBeLessThan(0.05);
  });

  test('party refs only: every party is a household ref with its village, never a name', () => {
    for (const r of all.slice(0, 500)) for (const p of r.parties) expect(p.ref).toMatch(/^h-t\d\d-v\d\d-\d+$/);
  });
});
