import type { CountyMap } from '../../../src/domain/config/schema';
import { countyMapView } from '../../../src/use-cases/geography/county-map';

const at = (lat: number, lng: number) => ({ lat, lng });
const config: CountyMap = {
  county: {
    id: 'c',
    name: { zh: '县', en: 'County' },
    population: 1000,
    populationYear: 2023,
    seat: { township: 't1', location: at(38, 101) },
  },
  townships: [
    {
      id: 't1',
      name: { zh: '甲镇', en: 'Jia' },
      seat: at(38, 101),
      neighbours: [],
      villages: [
        { id: 'v1', name: { zh: '一村', en: 'One' }, location: at(38.1, 101.1), population: 300 },
        { id: 'v2', name: { zh: '二村', en: 'Two' }, location: at(38.2, 101.2), population: 200 },
      ],
    },
    {
      id: 't2',
      name: { zh: '乙乡', en: 'Yi' },
      seat: at(39, 102),
      neighbours: [],
      // The same village id as in t1: ids need only be unique within a township.
      villages: [{ id: 'v1', name: { zh: '乙一村', en: 'Yi One' }, location: at(39.1, 102.1), population: 500 }],
    },
  ],
};

const mediator = (
  id: string,
  township: string,
  village: string | undefined,
  capacity: number,
  status: 'active' | 'on_leave' = 'active',
) => ({
  id,
  township,
  ...(village === undefined ? {} : { village }),
  capacity,
  status,
});

describe('the county map view', () => {
  it('When cases are open, then each counts at its own township and village, and places the configuration lacks are counted apart', () => {
    const cases = [
      { township: 't1', village: 'v1' },
      { township: 't1', village: 'v1' },
      { township: 't1', village: 'v2' },
      { township: 't2', village: 'v1' },
      { township: 't9', village: 'v1' },
      { township: 't1', village: 'v7' },
    ];
    const view = countyMapView(config, cases, [], new Map());
    expect(view.openCases).toBe(6);
    expect(view.unplacedCases).toBe(2);
    expect(view.townships.map((t) => t.openCases)).toEqual([3, 1]);
    expect(view.townships[0]!.villages.map((v) => v.openCases)).toEqual([2, 1]);
    expect(view.townships[1]!.villages[0]!.openCases).toBe(1);
  });

  it('When mediators carry load, then townships sum all their mediators and villages their village-tier ones, with those on leave counted', () => {
    const ms = [mediator('m1', 't1', 'v1', 5), mediator('m2', 't1', undefined, 10, 'on_leave'), mediator('m3', 't2', 'v1', 4)];
    const view = countyMapView(
      config,
      [],
      ms,
      new Map([
        ['m1', 3],
        ['m2', 7],
      ]),
    );
    expect(view.townships[0]!.mediators).toEqual({ count: 2, onLeave: 1, load: 10, capacity: 15 });
    expect(view.townships[0]!.villages[0]!.mediators).toEqual({ count: 1, onLeave: 0, load: 3, capacity: 5 });
    expect(view.townships[0]!.villages[1]!.mediators).toEqual({ count: 0, onLeave: 0, load: 0, capacity: 0 });
    expect(view.townships[1]!.villages[0]!.mediators).toEqual({ count: 1, onLeave: 0, load: 0, capacity: 4 });
  });

  it('When the map is drawn, then it carries the coordinates and populations of the configuration and the centre at the seat', () => {
    const view = countyMapView(config, [], [], new Map());
    expect(view.centre).toEqual({ township: 't1', location: at(38, 101) });
    expect(view.townships[0]!.population).toBe(500);
    expect(view.townships[1]!.seat).toEqual(at(39, 102));
    expect(view.townships[0]!.villages[1]!.location).toEqual(at(38.2, 101.2));
  });
});
