import type { Location } from '..';
import type { CountyMap, Township, Village } from './schema';

/** Lookups over the county map: village and township by id, and neighbours. */
export interface CountyIndex {
  readonly map: CountyMap;
  readonly seat: Location;
  village(id: string): (Village & { readonly township: string }) | undefined;
  township(id: string): Township | undefined;
  /** Ids of the townships next to this one (empty for an unknown id). */
  neighbours(townshipId: string): readonly string[];
  allVillages(): readonly (Village & { readonly township: string })[];
}

const cache = new WeakMap<CountyMap, CountyIndex>();

export function indexCounty(map: CountyMap): CountyIndex {
  const hit = cache.get(map);
  if (hit) return hit;
  const villages = new Map<string, Village & { township: string }>();
  const townships = new Map<string, Township>();
  for (const t of map.townships) {
    townships.set(t.id, t);
    for (const v of t.villages) villages.set(v.id, { ...v, township: t.id });
  }
  const all = [...villages.values()];
  const index: CountyIndex = {
    map,
    seat: map.county.seat.location,
    village: (id) => villages.get(id),
    township: (id) => townships.get(id),
    neighbours: (id) => townships.get(id)?.neighbours ?? [],
    allVillages: () => all,
  };
  cache.set(map, index);
  return index;
}
