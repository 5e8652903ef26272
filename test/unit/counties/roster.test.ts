import { loadDispatchConfig } from '../../../src/domain/config/load';
import { ValidationError } from '../../../src/domain/errors';
import type { Mediator } from '../../../src/domain';
import type { MediatorDirectory } from '../../../src/use-cases/mediators/mediator-directory';
import { checkRoster, importRoster } from '../../../src/use-cases/counties/import-roster';
import { parseRosterCsv, parseRosterJson } from '../../../src/use-cases/counties/roster-csv';

const config = loadDispatchConfig();
const HEADER = 'id,name,tier,organization,township,village,lat,lng,capacity,status,expertise,availability,leave,recusals';
const VILLAGE_ROW =
  'vm-a,王芳,village,vc-t01-v01,t01,t01-v01,38.79,101.06,4,,family:0.8;land:0.6,1am;3pm,2024-05-01..2024-05-10,h-t01-v01-3';
const GOLD_ROW = 'gm-a,李强,gold,centre,t01,,38.78,101.08,6,active,family:0.9,,,';

/** Issues of a ValidationError thrown by `run`, as `field: reason`. */
function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof ValidationError) return err.issues.map((i) => `${i.field}: ${i.reason}`);
    throw err;
  }
  return [];
}

/** A directory in a Map: what the import sees of Redis, counting writes. */
function directory(held: readonly Mediator[]): MediatorDirectory & { writes: Mediator[][] } {
  const byId = new Map(held.map((m) => [m.id, m]));
  const writes: Mediator[][] = [];
  return {
    writes,
    upsert: (ms) => {
      writes.push([...ms]);
      for (const m of ms) byId.set(m.id, m);
      return Promise.resolve({ created: 0, updated: 0 });
    },
    list: () => Promise.resolve([...byId.values()]),
    get: (id) => Promise.resolve(byId.get(id) ?? null),
    loads: () => Promise.resolve(new Map()),
    load: () => Promise.resolve(0),
  };
}

describe('roster files', () => {
  it('when a CSV row is well formed, then it becomes the mediator, lists split on ";"', () => {
    const [m] = checkRoster(parseRosterCsv(`${HEADER}\n${VILLAGE_ROW}\n`), config);
    expect(m).toEqual({
      id: 'vm-a',
      name: '王芳',
      tier: 'village',
      organization: 'vc-t01-v01',
      township: 't01',
      village: 't01-v01',
      location: { lat: 38.79, lng: 101.06 },
      capacity: 4,
      status: 'active',
      expertise: { family: 0.8, land: 0.6 },
      availability: [
        { weekday: 1, half: 'am' },
        { weekday: 3, half: 'pm' },
      ],
      leave: [{ from: '2024-05-01', until: '2024-05-10' }],
      recusals: ['h-t01-v01-3'],
    });
  });

  it('when cells are malformed, then each is named by line and column and nothing is returned', () => {
    const bad = VILLAGE_ROW.replace('family:0.8;land:0.6', 'family=0.8').replace('1am;3pm', '8am');
    expect(issuesOf(() => parseRosterCsv(`${HEADER}\n# a comment\n${bad}\n`))).toEqual([
      'line 3: expertise: "family=0.8" is not category:level',
      'line 3: availability: "8am" is not a weekday 1-7 then am or pm (e.g. 1am)',
    ]);
    expect(issuesOf(() => parseRosterCsv('id,name,colour\n'))[0]).toBe('line 1: tier: column missing from the header');
    expect(issuesOf(() => checkRoster(parseRosterCsv(`${HEADER}\n${VILLAGE_ROW.replace(',4,', ',-4,')}\n`), config))).toEqual([
      expect.stringMatching(/^line 2: capacity: /),
    ]);
  });

  it('when a row names a place or organisation not of the county, or an id twice, then it is refused where it is', () => {
    const rows = [
      VILLAGE_ROW.replace(',t01,t01-v01,', ',t02,t01-v01,'),
      GOLD_ROW.replace(',centre,', ',legal,'),
      VILLAGE_ROW.replace(',t01,t01-v01,', ',t01,nowhere,'),
    ];
    expect(issuesOf(() => checkRoster(parseRosterCsv([HEADER, ...rows].join('\n')), config))).toEqual([
      'line 2: village: village t01-v01 is in township t01',
      'line 3: organization: a gold tier mediator belongs to the centre centre',
      'line 4: id: vm-a repeats line 2',
      'line 4: village: unknown village nowhere in this county',
    ]);
    expect(issuesOf(() => checkRoster(parseRosterJson({ mediators: [{ id: 'x' }] }), config))[0]).toMatch(/^mediators\[0\]\.name: /);
  });

  it('when the same roster is imported twice, then created, then unchanged with no write; a change is named', async () => {
    const roster = checkRoster(parseRosterCsv(`${HEADER}\n${VILLAGE_ROW}\n${GOLD_ROW}\n`), config);
    const dir = directory([]);
    expect(await importRoster(dir, roster)).toEqual({ created: ['vm-a', 'gm-a'], updated: [], unchanged: [] });
    expect(await importRoster(dir, roster)).toEqual({ created: [], updated: [], unchanged: ['vm-a', 'gm-a'] });
    expect(dir.writes).toHaveLength(1);
    const changed = roster.map((m) => (m.id === 'gm-a' ? { ...m, capacity: 7 } : m));
    expect(await importRoster(dir, changed)).toEqual({ created: [], updated: [{ id: 'gm-a', fields: ['capacity'] }], unchanged: ['vm-a'] });
  });
});
