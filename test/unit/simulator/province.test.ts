import { checkCountyProfile } from '../../../src/domain/config/county-profile';
import { loadDispatchConfig, dispatchConfigFor } from '../../../src/domain/config/load';
import { generateProvince } from '../../../src/simulator/province';
import { checkRoster } from '../../../src/use-cases/counties/import-roster';
import { parseRosterJson } from '../../../src/use-cases/counties/roster-csv';

const tierRules = loadDispatchConfig().tierRules;

function box(points: readonly { lat: number; lng: number }[]) {
  const lats = points.map((p) => p.lat);
  const lngs = points.map((p) => p.lng);
  return { minLat: Math.min(...lats), maxLat: Math.max(...lats), minLng: Math.min(...lngs), maxLng: Math.max(...lngs) };
}

describe('generateProvince', () => {
  const province = generateProvince({ counties: 12, seed: 5 });

  it('when 12 counties are generated, then each profile passes the checks and each roster fits its own county', () => {
    expect(province.map((c) => c.profile.county.id)).toEqual(Array.from({ length: 12 }, (_, i) => `p${String(i + 1).padStart(3, '0')}`));
    for (const c of province) {
      expect(checkCountyProfile(c.profile, tierRules)).toMatchObject({ ok: true });
      expect(checkRoster(parseRosterJson(c.mediators), dispatchConfigFor(c.profile))).toHaveLength(c.mediators.length);
    }
  });

  it('when sizes are compared, then counties differ, and townships, villages, population and mediators grow with the scale', () => {
    const sizes = province.map((c) => ({
      scale: c.scale,
      townships: c.profile.townships.length,
      villages: c.profile.townships.reduce((n, t) => n + t.villages.length, 0),
      population: c.profile.county.population,
      mediators: c.mediators.length,
    }));
    expect(new Set(sizes.map((s) => s.townships)).size).toBeGreaterThan(2);
    const [small, large] = [...sizes].sort((a, b) => a.scale - b.scale).filter((_, i, all) => i === 0 || i === all.length - 1);
    expect(large!.scale).toBeGreaterThan(small!.scale);
    for (const k of ['townships', 'villages', 'population', 'mediators'] as const) expect(large![k]).toBeGreaterThan(small![k]);
    // Shandan (scale 1) has 8 townships and 555 mediators: a county is that, scaled.
    for (const s of sizes) {
      expect(s.townships).toBe(Math.max(2, Math.round(8 * s.scale)));
      expect(s.mediators / 555).toBeGreaterThan(s.scale * 0.5);
      expect(s.mediators / 555).toBeLessThan(s.scale * 2 + 0.5);
    }
  });

  it('when the counties are placed, then no two counties’ boxes overlap', () => {
    const boxes = province.map((c) => box(c.profile.townships.flatMap((t) => [t.seat, ...t.villages.map((v) => v.location)])));
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        const apart = a.maxLat < b.minLat || b.maxLat < a.minLat || a.maxLng < b.minLng || b.maxLng < a.minLng;
        expect(apart).toBe(true);
      }),
    );
  });

  it('when generated again with the same seed, then the same; county i does not depend on how many there are', () => {
    expect(generateProvince({ counties: 12, seed: 5 })).toEqual(province);
    expect(generateProvince({ counties: 3, seed: 5 })[2]).toEqual(province[2]);
    expect(generateProvince({ counties: 3, seed: 6 })[2]).not.toEqual(province[2]);
  });

  it('when asked for 0 counties, then it refuses', () => {
    expect(() => generateProvince({ counties: 0 })).toThrow(RangeError);
  });
});
