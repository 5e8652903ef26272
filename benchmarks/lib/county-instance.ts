import type { IndexedProblem } from '../../src/engine/indexed';
import type { Problem } from '../../src/engine/problem';
import { Rng } from '../../src/domain/random';

/**
 * Seeded synthetic caseloads shaped like Shandan County (see shared/domain.md): 555 mediators in
 * three tiers — 185 industry cadres in 9 sector organisations, 355 village mediators in 8
 * townships / 123 villages, 15 gold-medal mediators at the county seat — on a ~60×80 km map.
 * Eligibility follows the centre's practice: ordinary cases go to the village mediators of their
 * township, professional and major cases to the sector organisations covering their category, and
 * the gold-medal mediators take anything (as overflow, at a premium, except for major cases).
 * Cost = expertise mismatch + road distance, both in km-equivalents, to 0.1.
 */

export const CATEGORIES = [
  'family',
  'neighbour',
  'land',
  'utilities', // ordinary
  'medical',
  'traffic',
  'labour',
  'property',
  'consumer',
  'finance',
  'construction',
  'expropriation',
] as const;
export type Category = (typeof CATEGORIES)[number];
const cat = (c: Category): number => CATEGORIES.indexOf(c);

/** The 9 sector organisations, the categories each covers and their head counts (Σ 185). */
export const ORGANISATIONS: readonly { readonly name: string; readonly covers: readonly number[]; readonly size: number }[] = [
  { name: 'medical-disputes', covers: [cat('medical')], size: 20 },
  { name: 'road-traffic', covers: [cat('traffic')], size: 25 },
  { name: 'labour-personnel', covers: [cat('labour')], size: 22 },
  { name: 'property-management', covers: [cat('property'), cat('utilities')], size: 18 },
  { name: 'consumer-association', covers: [cat('consumer')], size: 15 },
  { name: 'finance', covers: [cat('finance')], size: 20 },
  { name: 'construction', covers: [cat('construction'), cat('labour')], size: 20 },
  { name: 'land-resources', covers: [cat('expropriation'), cat('land')], size: 30 },
  { name: 'marriage-family', covers: [cat('family')], size: 15 },
];

export type Tier = 'industry' | 'village' | 'gold';
export type CaseClass = 'ordinary' | 'professional' | 'major';

export interface Mediator {
  readonly tier: Tier;
  /** Sector organisation index (industry tier), else -1. */
  readonly org: number;
  /** Township index (village tier), else -1. */
  readonly township: number;
  readonly village: number;
  /** Bit i set = strong in CATEGORIES[i]. */
  readonly skills: number;
  readonly x: number;
  readonly y: number;
}

export interface CaseInfo {
  readonly cls: CaseClass;
  readonly category: number;
  readonly township: number;
  readonly village: number;
  readonly x: number;
  readonly y: number;
}

export interface CountyModel {
  readonly townshipOfVillage: Int32Array;
  readonly villageX: Float64Array;
  readonly villageY: Float64Array;
  readonly mediators: readonly Mediator[];
}

/** Cost terms, in km-equivalents. */
export const COST = {
  /** The mediator is not strong in the case's category. */
  mismatch: 12,
  /** A gold-medal mediator used as overflow on a non-major case. */
  goldPremium: 25,
  /** Road distance ≈ 1.3 × straight line. */
  roadFactor: 1.3,
} as const;

const MAP = { width: 60, height: 80, seatX: 30, seatY: 45 } as const;
const TOWNSHIP_VILLAGES = [20, 18, 17, 16, 15, 14, 12, 11]; // Σ 123
const CLASS_WEIGHTS = [0.65, 0.32, 0.03]; // ordinary, professional, major
const ORDINARY = [cat('family'), cat('neighbour'), cat('land'), cat('utilities')];
const ORDINARY_WEIGHTS = [0.4, 0.3, 0.18, 0.12];
// Contested family, land and supply cases go to the sector organisations too, so all 9 are busy.
const PROFESSIONAL = [0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const PROFESSIONAL_WEIGHTS = [0.08, 0.05, 0.04, 0.12, 0.2, 0.12, 0.07, 0.06, 0.12, 0.09, 0.05];
const MAJOR = [cat('expropriation'), cat('construction'), cat('labour'), cat('medical')];
const MAJOR_WEIGHTS = [0.4, 0.2, 0.2, 0.2];
/** Distinct mediators a major case convenes. */
export const MAJOR_SEATS = 2;

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

function placeTownships(rng: Rng): { x: number[]; y: number[] } {
  const x: number[] = [MAP.seatX];
  const y: number[] = [MAP.seatY]; // township 0 holds the county seat
  while (x.length < TOWNSHIP_VILLAGES.length) {
    const cx = rng.uniform(6, MAP.width - 6);
    const cy = rng.uniform(6, MAP.height - 6);
    if (x.every((px, i) => Math.hypot(px - cx, y[i]! - cy) > 14)) {
      x.push(cx);
      y.push(cy);
    }
  }
  return { x, y };
}

/**
 * The county's geography and mediator pool. `villageMediators` lets a province vary county sizes.
 * Mediator order: industry (by organisation), village (by village), gold.
 */
export function buildCountyModel(rng: Rng, villageMediators = 355): CountyModel {
  const centres = placeTownships(rng);
  const villages = TOWNSHIP_VILLAGES.reduce((s, v) => s + v, 0);
  const townshipOfVillage = new Int32Array(villages);
  const villageX = new Float64Array(villages);
  const villageY = new Float64Array(villages);
  let v = 0;
  TOWNSHIP_VILLAGES.forEach((count, t) => {
    for (let k = 0; k < count; k++, v++) {
      const r = rng.uniform(1.5, 10);
      const a = rng.uniform(0, 2 * Math.PI);
      townshipOfVillage[v] = t;
      villageX[v] = clamp(centres.x[t]! + r * Math.cos(a), 0, MAP.width);
      villageY[v] = clamp(centres.y[t]! + r * Math.sin(a), 0, MAP.height);
    }
  });
  const mediators: Mediator[] = [];
  ORGANISATIONS.forEach((org, o) => {
    const all = org.covers.reduce((s, c) => s | (1 << c), 0);
    for (let k = 0; k < org.size; k++) {
      // Two-category organisations have specialists in one category and generalists in both.
      const skills = org.covers.length > 1 && rng.next() < 0.6 ? 1 << org.covers[rng.int(0, org.covers.length - 1)]! : all;
      mediators.push({
        tier: 'industry',
        org: o,
        township: -1,
        village: -1,
        skills,
        x: MAP.seatX + rng.uniform(-3, 3),
        y: MAP.seatY + rng.uniform(-3, 3),
      });
    }
  });
  for (let k = 0; k < villageMediators; k++) {
    const village = k < 2 * villages ? k % villages : rng.int(0, villages - 1); // ≥ 2 per village
    let skills = 0;
    for (const c of ORDINARY) if (rng.next() < 0.55) skills |= 1 << c;
    if (skills === 0) skills = 1 << ORDINARY[rng.int(0, ORDINARY.length - 1)]!;
    mediators.push({
      tier: 'village',
      org: -1,
      township: townshipOfVillage[village]!,
      village,
      skills,
      x: villageX[village]! + rng.uniform(-0.8, 0.8),
      y: villageY[village]! + rng.uniform(-0.8, 0.8),
    });
  }
  for (let k = 0; k < 15; k++) {
    mediators.push({
      tier: 'gold',
      org: -1,
      township: -1,
      village: -1,
      skills: (1 << CATEGORIES.length) - 1,
      x: MAP.seatX + rng.uniform(-1, 1),
      y: MAP.seatY + rng.uniform(-1, 1),
    });
  }
  return { townshipOfVillage, villageX, villageY, mediators };
}

/** Draws one case: class, category and the village it comes from (the seat's township is busier). */
export function drawCase(rng: Rng, model: CountyModel): CaseInfo {
  const cls = (['ordinary', 'professional', 'major'] as const)[rng.weightedIndex(CLASS_WEIGHTS)]!;
  const category =
    cls === 'ordinary'
      ? ORDINARY[rng.weightedIndex(ORDINARY_WEIGHTS)]!
      : cls === 'professional'
        ? PROFESSIONAL[rng.weightedIndex(PROFESSIONAL_WEIGHTS)]!
        : MAJOR[rng.weightedIndex(MAJOR_WEIGHTS)]!;
  const villages = model.townshipOfVillage.length;
  const village = rng.next() < 0.25 ? rng.int(0, TOWNSHIP_VILLAGES[0]! - 1) : rng.int(0, villages - 1);
  return {
    cls,
    category,
    township: model.townshipOfVillage[village]!,
    village,
    x: model.villageX[village]! + rng.uniform(-1, 1),
    y: model.villageY[village]! + rng.uniform(-1, 1),
  };
}

export function organisationCovers(org: number, category: number): boolean {
  return ORGANISATIONS[org]!.covers.includes(category);
}

/** The county's eligibility rule: who may take a case. */
export function isEligible(m: Mediator, c: CaseInfo): boolean {
  if (m.tier === 'gold') return true;
  if (c.cls === 'ordinary') return m.tier === 'village' && m.township === c.township;
  return m.tier === 'industry' && organisationCovers(m.org, c.category);
}

/** Expertise mismatch + road distance (+ the gold premium on non-major cases), rounded to 0.1. */
export function arcCost(m: Mediator, c: CaseInfo): number {
  const dx = m.x - c.x;
  const dy = m.y - c.y;
  const km = COST.roadFactor * Math.sqrt(dx * dx + dy * dy); // Math.hypot is slow in V8
  const mismatch = (m.skills >> c.category) & 1 ? 0 : COST.mismatch;
  const premium = m.tier === 'gold' && c.cls !== 'major' ? COST.goldPremium : 0;
  return Math.round((km + mismatch + premium) * 10) / 10;
}

export const seatsOf = (c: CaseInfo): number => (c.cls === 'major' ? MAJOR_SEATS : 1);

/** Splits `total` units among `count` members in random proportions (largest remainder). */
function share(rng: Rng, total: number, count: number): number[] {
  const w = Array.from({ length: count }, () => rng.uniform(0.5, 1.5));
  const sum = w.reduce((s, x) => s + x, 0);
  const exact = w.map((x) => (total * x) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k++, left--) out[order[k % count]![1]]! += 1;
  return out;
}

/**
 * Capacities from the drawn caseload: each township's village mediators and each organisation get
 * 95–115% of their own demand (a case two organisations cover counts half for each); the gold
 * mediators get the major cases' second seats plus every group's shortfall plus ~3% slack. So
 * total capacity exceeds demand modestly, the gold tier really is the overflow, and the county
 * instance is always feasible without unassigned seats.
 */
export function capacitiesFor(rng: Rng, model: CountyModel, cases: readonly CaseInfo[]): Float64Array {
  const groups = TOWNSHIP_VILLAGES.length + ORGANISATIONS.length;
  const groupOf = (m: Mediator): number =>
    m.tier === 'village' ? m.township : m.tier === 'industry' ? TOWNSHIP_VILLAGES.length + m.org : -1;
  const demand = new Float64Array(groups);
  let goldSeats = 0;
  let seats = 0;
  for (const c of cases) {
    seats += seatsOf(c);
    if (c.cls === 'ordinary') {
      demand[c.township]! += 1;
      continue;
    }
    const orgs = ORGANISATIONS.flatMap((o, i) => (o.covers.includes(c.category) ? [i] : []));
    for (const o of orgs) demand[TOWNSHIP_VILLAGES.length + o]! += 1 / orgs.length;
    goldSeats += seatsOf(c) - 1;
  }
  const capacity = new Float64Array(model.mediators.length);
  let shortfall = 0;
  for (let g = 0; g < groups; g++) {
    const members = model.mediators.flatMap((m, i) => (groupOf(m) === g ? [i] : []));
    const total = Math.round(demand[g]! * rng.uniform(0.95, 1.15));
    share(rng, total, members.length).forEach((units, k) => {
      capacity[members[k]!] = units;
    });
    shortfall += Math.max(0, Math.ceil(demand[g]! - 1e-9) - total);
  }
  const gold = model.mediators.flatMap((m, i) => (m.tier === 'gold' ? [i] : []));
  const goldTotal = goldSeats + shortfall + Math.ceil(0.03 * seats) + 2;
  share(rng, goldTotal, gold.length).forEach((units, k) => {
    capacity[gold[k]!] = units;
  });
  return capacity;
}

/** Convex balancing: the first ~60% of a mediator's capacity is free, each further case costs 2 more. */
export function balancingLoadCosts(capacity: number): Float64Array {
  const length = Math.max(1, capacity);
  const free = Math.ceil(0.6 * capacity);
  return Float64Array.from({ length }, (_, k) => (k < free ? 0 : 2 * (k - free + 1)));
}

export interface CountyInstanceOptions {
  /** Number of cases (in arrival order). */
  readonly n: number;
  /** @defaultValue 1 */
  readonly seed?: number;
  /** Add convex balancing loadCosts to every mediator. @defaultValue false */
  readonly loadCosts?: boolean;
  /** Cost per unfilled seat; null = every seat must be filled. @defaultValue null */
  readonly unassignedCost?: number | null;
  /**
   * Keep only each case's cheapest eligible arcs (a sparser, pre-filtered shape); then feasibility
   * is no longer guaranteed, so give an unassignedCost. @defaultValue undefined (all eligible arcs)
   */
  readonly maxArcsPerCase?: number;
}

export interface CountyInstance {
  readonly problem: IndexedProblem;
  readonly cases: readonly CaseInfo[];
  readonly model: CountyModel;
}

const pad = (i: number, width: number): string => String(i).padStart(width, '0');

export function mediatorId(m: Mediator, i: number): string {
  return `${m.tier === 'industry' ? 'ind' : m.tier === 'village' ? 'vil' : 'gold'}-${pad(i, 5)}`;
}

/** A seeded county caseload of `n` cases, built straight into the solvers' typed-array form. */
export function generateCountyInstance(options: CountyInstanceOptions): CountyInstance {
  const rng = new Rng(options.seed ?? 1, 'mulberry32');
  const model = buildCountyModel(rng);
  const cases = Array.from({ length: options.n }, () => drawCase(rng, model));
  const capacity = capacitiesFor(rng, model, cases);
  const tasks: number[] = [];
  const agents: number[] = [];
  const costs: number[] = [];
  const keep = options.maxArcsPerCase ?? Infinity;
  cases.forEach((c, t) => {
    const eligible: { a: number; cost: number }[] = [];
    model.mediators.forEach((m, a) => {
      if (isEligible(m, c)) eligible.push({ a, cost: arcCost(m, c) });
    });
    if (eligible.length > keep) eligible.sort((x, y) => x.cost - y.cost || x.a - y.a).length = keep;
    for (const { a, cost } of eligible) {
      tasks.push(t);
      agents.push(a);
      costs.push(cost);
    }
  });
  const problem: IndexedProblem = {
    taskIds: cases.map((_, t) => `case-${pad(t, 6)}`),
    seats: Int32Array.from(cases, seatsOf),
    agentIds: model.mediators.map(mediatorId),
    capacity,
    loadCosts: Array.from(capacity, (cap) => (options.loadCosts ? balancingLoadCosts(cap) : null)),
    arcTask: Int32Array.from(tasks),
    arcAgent: Int32Array.from(agents),
    arcCost: Float64Array.from(costs),
    arcLoad: new Float64Array(tasks.length).fill(1),
    sense: 'min',
    unassignedCost: options.unassignedCost ?? null,
  };
  return { problem, cases, model };
}

/** The v1 (JSON) form of an index-form problem, for the checker and the JSON-speaking baselines. */
export function toV1Problem(p: IndexedProblem): Problem {
  return {
    tasks: p.taskIds.map((id, t) => ({ id, seats: p.seats[t]! })),
    agents: p.agentIds.map((id, a) => {
      const lc = p.loadCosts[a];
      return { id, capacity: p.capacity[a]!, ...(lc ? { loadCosts: Array.from(lc) } : {}) };
    }),
    arcs: Array.from(p.arcTask, (t, i) => ({
      task: p.taskIds[t]!,
      agent: p.agentIds[p.arcAgent[i]!]!,
      cost: p.arcCost[i]!,
      load: p.arcLoad[i]!,
    })),
    sense: p.sense,
    ...(p.unassignedCost !== null ? { unassignedCost: p.unassignedCost } : {}),
  };
}
