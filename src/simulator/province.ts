import type { Location, Mediator } from '../domain';
import type { CountyProfile } from '../domain/config/county-profile';
import { dispatchConfigFor, embeddedCountyProfile } from '../domain/config/load';
import type { Township } from '../domain/config/schema';
import { itemAt } from '../domain/indexed-access';
import { Rng } from '../domain/random';
import { DEFAULT_SEED, DEFAULT_START } from './county';
import { generateMediators } from './mediators';
import { loadSimulatorParams, type SimulatorParams } from './simulator-schema';

/** One simulated county of a province: its profile (for `county add`) and its roster (for `county roster`). */
export interface ProvinceCounty {
  readonly profile: CountyProfile;
  readonly mediators: readonly Mediator[];
  /** The county's size relative to the template county (1 = Shandan). */
  readonly scale: number;
}

export interface ProvinceOptions {
  /** How many counties, 1 to 3,000. */
  readonly counties: number;
  /** @defaultValue 20240320 */
  readonly seed?: number;
  /** The county scaled into each. @defaultValue the embedded Shandan profile */
  readonly template?: CountyProfile;
  /** @defaultValue simulator.json */
  readonly params?: SimulatorParams;
}

/** Sizes relative to the template: log-normal around 1, clipped, so a province has small and large counties. */
const SCALE_SD = 0.5;
const MIN_SCALE = 0.3;
const MAX_SCALE = 3;
/** Counties per row of the province's grid. */
const GRID_COLUMNS = 10;
/** Degrees between two counties' boxes. */
const GAP_DEG = 0.1;

/** A county id of the province: `p001`, `p002`, … (sorted as numbered). */
export function provinceCountyId(i: number): string {
  return `p${String(i + 1).padStart(3, '0')}`;
}

interface Box {
  readonly minLat: number;
  readonly minLng: number;
  readonly height: number;
  readonly width: number;
}

function boxOf(t: CountyProfile): Box {
  const points = t.townships.flatMap((tw) => [tw.seat, ...tw.villages.map((v) => v.location)]);
  const lats = points.map((p) => p.lat);
  const lngs = points.map((p) => p.lng);
  const minLat = Math.min(...lats);
  const minLng = Math.min(...lngs);
  return { minLat, minLng, height: Math.max(...lats) - minLat, width: Math.max(...lngs) - minLng };
}

const round5 = (x: number): number => Math.round(x * 1e5) / 1e5;

/**
 * The county's townships: the template's, cycled. Copy `r` of the template sits `r` template
 * widths east, so no two places of a county coincide; neighbours are kept within a copy, and each
 * township also neighbours its twin in the copy before.
 */
function townshipsFor(
  id: string,
  template: CountyProfile,
  count: number,
  shift: (l: Location, copy: number) => Location,
  popScale: number,
): Township[] {
  const base = template.townships;
  const townshipId = (k: number) => `${id}-t${String(k + 1).padStart(2, '0')}`;
  const indexOf = new Map(base.map((t, i) => [t.id, i]));
  return Array.from({ length: count }, (_, k) => {
    const copy = Math.floor(k / base.length);
    const t = itemAt(base, k % base.length, 'template townships');
    const neighbours = t.neighbours
      .map((n) => copy * base.length + (indexOf.get(n) ?? -1))
      .filter((j) => j >= copy * base.length && j < count)
      .concat(copy > 0 ? [k - base.length] : [], k + base.length < count ? [k + base.length] : [])
      .map(townshipId);
    return {
      id: townshipId(k),
      name: { zh: `${t.name.zh}${copy > 0 ? copy + 1 : ''}`, en: `${t.name.en}${copy > 0 ? ` ${copy + 1}` : ''}` },
      seat: shift(t.seat, copy),
      neighbours,
      villages: t.villages.map((v, vi) => ({
        id: `${townshipId(k)}-v${String(vi + 1).padStart(2, '0')}`,
        name: v.name,
        location: shift(v.location, copy),
        population: Math.max(50, Math.round(v.population * popScale)),
      })),
    };
  });
}

/** County `i` of the province at the given scale, placed in its own cell of the grid. */
function countyProfile(
  i: number,
  scale: number,
  template: CountyProfile,
  cell: { height: number; width: number },
  rng: Rng,
): CountyProfile {
  const id = provinceCountyId(i);
  const box = boxOf(template);
  const count = Math.max(2, Math.round(template.townships.length * scale));
  const origin = { lat: box.minLat + Math.floor(i / GRID_COLUMNS) * cell.height, lng: box.minLng + (i % GRID_COLUMNS) * cell.width };
  const shift = (l: Location, copy: number): Location => ({
    lat: round5(origin.lat + (l.lat - box.minLat)),
    lng: round5(origin.lng + (l.lng - box.minLng) + copy * (box.width + GAP_DEG / 2)),
  });
  // More townships carry the larger population; the density varies a little between counties.
  const townships = townshipsFor(id, template, count, shift, rng.uniform(0.8, 1.25));
  const [seatTownship] = townships;
  if (!seatTownship) throw new Error('a county has at least two townships');
  const population = townships.reduce((n, t) => n + t.villages.reduce((m, v) => m + v.population, 0), 0);
  const n = i + 1;
  return {
    county: {
      id,
      name: { zh: `模拟${n}县`, en: `Simulated County ${n}` },
      population,
      populationYear: template.county.populationYear,
      seat: { township: seatTownship.id, location: seatTownship.seat },
    },
    townships,
    organizations: {
      ...template.organizations,
      organizations: template.organizations.organizations.map((o) => ({ ...o, headcount: Math.max(1, Math.round(o.headcount * scale)) })),
    },
  };
}

/** The simulator's parameters with the mediator counts scaled to the county. */
function scaledParams(params: SimulatorParams, scale: number, villages: number): SimulatorParams {
  const m = params.mediators;
  return {
    ...params,
    mediators: {
      ...m,
      village: { ...m.village, count: Math.max(2 * villages, Math.round(m.village.count * scale)) },
      gold: { ...m.gold, count: Math.max(1, Math.round(m.gold.count * scale)) },
    },
  };
}

/**
 * A simulated province (issue 21): `counties` county profiles of different sizes — townships,
 * villages, population and mediators scaled from the template county by a log-normal factor
 * (0.3× to 3×) — each in its own cell of a grid, so no two counties' places overlap, and each
 * with its roster. Deterministic from the seed; county `i` depends only on the seed and `i`.
 */
export function generateProvince(options: ProvinceOptions): ProvinceCounty[] {
  if (!Number.isInteger(options.counties) || options.counties < 1 || options.counties > 3000)
    throw new RangeError('counties must be a whole number from 1 to 3000');
  const template = options.template ?? embeddedCountyProfile();
  const params = options.params ?? loadSimulatorParams();
  const root = new Rng(options.seed ?? DEFAULT_SEED);
  const box = boxOf(template);
  const maxCopies = Math.ceil(MAX_SCALE);
  const cell = { height: box.height + GAP_DEG, width: maxCopies * (box.width + GAP_DEG / 2) + GAP_DEG };
  return Array.from({ length: options.counties }, (_, i) => {
    const rng = root.fork(`county-${i}`);
    const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, Math.exp(rng.normal(0, SCALE_SD))));
    const profile = countyProfile(i, scale, template, cell, rng.fork('profile'));
    const villages = profile.townships.reduce((n, t) => n + t.villages.length, 0);
    const { mediators } = generateMediators(
      dispatchConfigFor(profile),
      scaledParams(params, scale, villages),
      rng.fork('mediators'),
      DEFAULT_START,
    );
    return { profile, mediators, scale };
  });
}
