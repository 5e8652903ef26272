import { CASE_STATUSES, type Case } from '../../domain';
import type { CountyMap } from '../../domain/config/schema';
import type { Label } from '../../domain/labels';
import type { Location } from '../../domain/geo';
import type { Mediator } from '../../domain/mediator';
import { isOpen } from '../../domain/lifecycle/state-machine';
import type { CaseRecords } from '../cases/case-records';

/** Mediators based in a place and how full they are right now. */
export interface PlaceMediators {
  readonly count: number;
  /** Mediators on leave now (status `on_leave`). */
  readonly onLeave: number;
  /** Open seats held. */
  readonly load: number;
  /** Σ capacity. */
  readonly capacity: number;
}

export interface MapVillage {
  readonly id: string;
  readonly name: Label;
  readonly location: Location;
  readonly population: number;
  readonly openCases: number;
  /** Village-tier mediators of this village. */
  readonly mediators: PlaceMediators;
}

export interface MapTownship {
  readonly id: string;
  readonly name: Label;
  readonly seat: Location;
  readonly population: number;
  readonly openCases: number;
  /** Every mediator whose township this is (village, industry and gold tiers alike). */
  readonly mediators: PlaceMediators;
  readonly villages: readonly MapVillage[];
}

/** The county as a map draws it: places with coordinates, open cases and mediator loads on them. */
export interface CountyMapView {
  readonly county: { readonly id: string; readonly name: Label; readonly population: number };
  /** The dispute-resolution centre, at the county seat. */
  readonly centre: { readonly township: string; readonly location: Location };
  readonly townships: readonly MapTownship[];
  /** Open cases in the county. */
  readonly openCases: number;
  /** Open cases whose township or village is not in the configuration (counted, not drawn). */
  readonly unplacedCases: number;
}

/** What the map reads of a case. */
type MapCase = Pick<Case, 'township' | 'village'>;

const NONE: PlaceMediators = { count: 0, onLeave: 0, load: 0, capacity: 0 };

function add(acc: PlaceMediators, m: Pick<Mediator, 'status' | 'capacity'>, load: number): PlaceMediators {
  return {
    count: acc.count + 1,
    onLeave: acc.onLeave + (m.status === 'on_leave' ? 1 : 0),
    load: acc.load + load,
    capacity: acc.capacity + m.capacity,
  };
}

/**
 * Puts the open cases and the mediators on the configured places. Pure: the caller reads the
 * cases and mediators; a case or mediator of a place the configuration lacks is not drawn.
 */
export function countyMapView(
  config: CountyMap,
  openCases: readonly MapCase[],
  mediators: readonly Pick<Mediator, 'id' | 'township' | 'village' | 'status' | 'capacity'>[],
  loads: ReadonlyMap<string, number>,
): CountyMapView {
  const byVillage = new Map<string, number>();
  const byTownship = new Map<string, number>();
  const villageIds = new Set(config.townships.flatMap((t) => t.villages.map((v) => `${t.id}/${v.id}`)));
  let unplaced = 0;
  for (const c of openCases) {
    // Keyed by township and village: a village id need only be unique within its township.
    if (!villageIds.has(`${c.township}/${c.village}`)) {
      unplaced += 1;
      continue;
    }
    byTownship.set(c.township, (byTownship.get(c.township) ?? 0) + 1);
    const key = `${c.township}/${c.village}`;
    byVillage.set(key, (byVillage.get(key) ?? 0) + 1);
  }
  const townshipMediators = new Map<string, PlaceMediators>();
  const villageMediators = new Map<string, PlaceMediators>();
  for (const m of mediators) {
    const load = loads.get(m.id) ?? 0;
    townshipMediators.set(m.township, add(townshipMediators.get(m.township) ?? NONE, m, load));
    if (m.village === undefined) continue;
    const key = `${m.township}/${m.village}`;
    villageMediators.set(key, add(villageMediators.get(key) ?? NONE, m, load));
  }
  const townships = config.townships.map((t): MapTownship => ({
    id: t.id,
    name: t.name,
    seat: t.seat,
    population: t.villages.reduce((sum, v) => sum + v.population, 0),
    openCases: byTownship.get(t.id) ?? 0,
    mediators: townshipMediators.get(t.id) ?? NONE,
    villages: t.villages.map((v) => ({
      id: v.id,
      name: v.name,
      location: v.location,
      population: v.population,
      openCases: byVillage.get(`${t.id}/${v.id}`) ?? 0,
      mediators: villageMediators.get(`${t.id}/${v.id}`) ?? NONE,
    })),
  }));
  return {
    county: { id: config.county.id, name: config.county.name, population: config.county.population },
    centre: { township: config.county.seat.township, location: config.county.seat.location },
    townships,
    openCases: openCases.length,
    unplacedCases: unplaced,
  };
}

/** Open statuses, each an index the case store can list by. */
const OPEN_STATUSES = CASE_STATUSES.filter(isOpen);

/** Most cases read per status for the map; far above a county's open caseload (~2,000). */
const MAX_PER_STATUS = 100_000;

/** Every open case of the county (status by status, through the store's status index). */
export async function openCasesOf(records: CaseRecords): Promise<Case[]> {
  const pages = await Promise.all(OPEN_STATUSES.map((status) => records.list({ status, limit: MAX_PER_STATUS })));
  return pages.flatMap((p) => p.cases);
}
