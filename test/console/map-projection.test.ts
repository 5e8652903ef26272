import { fitProjection, loadBand, radiusFor } from '../../console/src/map/projection';

describe('the county map projection', () => {
  const places = [
    { lat: 38.5, lng: 100.9 },
    { lat: 39.0, lng: 101.5 },
    { lat: 38.78, lng: 101.08 },
  ];

  it('When places are fitted, then all lie inside the box less the margin, north up and east right', () => {
    const { project } = fitProjection(places, 900, 640, 40);
    for (const p of places.map(project)) {
      expect(p.x).toBeGreaterThanOrEqual(40 - 1e-9);
      expect(p.x).toBeLessThanOrEqual(860 + 1e-9);
      expect(p.y).toBeGreaterThanOrEqual(40 - 1e-9);
      expect(p.y).toBeLessThanOrEqual(600 + 1e-9);
    }
    const [south, north] = [project(places[0]!), project(places[1]!)];
    expect(north.y).toBeLessThan(south.y);
    expect(north.x).toBeGreaterThan(south.x);
  });

  it('When fitted, then distances keep their true ratio east–west against north–south (cos of the latitude)', () => {
    const { project } = fitProjection(places, 900, 640, 0);
    const a = project({ lat: 38.75, lng: 101.0 });
    const east = project({ lat: 38.75, lng: 101.1 });
    const north = project({ lat: 38.85, lng: 101.0 });
    const ratio = (east.x - a.x) / (a.y - north.y);
    const meanLat = places.reduce((s, p) => s + p.lat, 0) / places.length;
    expect(ratio).toBeCloseTo(Math.cos((meanLat * Math.PI) / 180), 6);
  });

  it('When the places are wider than tall, then the drawing fills the width and its height shrinks to fit them', () => {
    const wide = [
      { lat: 38.8, lng: 100 },
      { lat: 38.8, lng: 102 },
      { lat: 38.9, lng: 101 },
    ];
    const fitted = fitProjection(wide, 1000, 1000, 10);
    const xs = wide.map((p) => fitted.project(p).x);
    const ys = wide.map((p) => fitted.project(p).y);
    expect(Math.min(...xs)).toBeCloseTo(10, 9);
    expect(Math.max(...xs)).toBeCloseTo(990, 9);
    expect(fitted.width).toBe(1000);
    expect(Math.min(...ys)).toBeCloseTo(10, 9);
    expect(Math.max(...ys)).toBeCloseTo(fitted.height - 10, 9);
    expect(fitted.height).toBeLessThan(200);
  });

  it('When places lie on one meridian, then they keep the box width and sit in its middle', () => {
    const line = fitProjection(
      [
        { lat: 38, lng: 101 },
        { lat: 39, lng: 101 },
      ],
      300,
      200,
      0,
    );
    expect(line.project({ lat: 38, lng: 101 })).toEqual({ x: 150, y: 200 });
    expect(line.width).toBe(300);
  });

  it('When there is one place, or none, then it sits in the middle', () => {
    expect(fitProjection([{ lat: 38, lng: 101 }], 200, 100, 10).project({ lat: 38, lng: 101 })).toEqual({ x: 100, y: 50 });
    expect(fitProjection([], 200, 100).project({ lat: 0, lng: 0 })).toEqual({ x: 100, y: 50 });
  });

  it('When circles are sized, then area grows with the count, bounded by min and max', () => {
    expect(radiusFor(0, 10, 3, 9)).toBe(3);
    expect(radiusFor(10, 10, 3, 9)).toBe(9);
    expect(radiusFor(40, 10, 3, 9)).toBe(9);
    expect(radiusFor(2.5, 10, 3, 9)).toBeCloseTo(6, 9);
  });

  it('When mediators are light, busy or full, then the band says so; none without capacity', () => {
    expect(loadBand(0, 0)).toBe('none');
    expect(loadBand(5, 10)).toBe('light');
    expect(loadBand(6, 10)).toBe('busy');
    expect(loadBand(9, 10)).toBe('full');
    expect(loadBand(12, 10)).toBe('full');
  });
});
