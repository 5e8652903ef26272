import type { IndexedProblem } from '../../src/engine/indexed';
import {
  arcCost,
  balancingLoadCosts,
  buildCountyModel,
  capacitiesFor,
  drawCase,
  isEligible,
  mediatorId,
  seatsOf,
  type CaseInfo,
  type CountyModel,
} from './county-instance';
import { Rng } from '../../src/domain/random';

/**
 * A province: many Shandan-like counties side by side (default 90 counties, 100,000 cases,
 * 50,000 mediators), each case keeping only its `arcsPerCase` cheapest candidates within its own
 * county. Candidates are the county's eligible mediators plus, at a penalty, the near-misses
 * (village mediators of other townships for ordinary cases, non-covering sector organisations for
 * the others), so every case has enough of them. Built straight into typed arrays, county by
 * county, with no per-arc objects: the 4M-arc default costs ~100 MB.
 */
export interface ProvinceInstanceOptions {
  /** @defaultValue 1 */
  readonly seed?: number;
  /** @defaultValue 100000 */
  readonly cases?: number;
  /** @defaultValue 50000 */
  readonly mediators?: number;
  /** @defaultValue 90 */
  readonly counties?: number;
  /** Arcs kept per case: its cheapest candidates. @defaultValue 40 */
  readonly arcsPerCase?: number;
  /** Cost per unfilled seat (the case goes back to court); null = every seat must be filled. @defaultValue 1000 */
  readonly unassignedCost?: number | null;
  /** Convex balancing loadCosts on every mediator. @defaultValue false */
  readonly loadCosts?: boolean;
}

export interface ProvinceInstance {
  readonly problem: IndexedProblem;
  /** County of each case. */
  readonly countyOfTask: Int32Array;
  /** Mediators of county c are agents countyAgentStart[c] .. countyAgentStart[c+1]-1. */
  readonly countyAgentStart: Int32Array;
}

/** Penalty, in km-equivalents, on a candidate the county's rule would not pick. */
export const OUT_OF_RULE_PENALTY = 20;

/** Splits `total` into `parts` random shares (60–140% of the mean), summing exactly to total. */
function split(rng: Rng, total: number, parts: number): number[] {
  const w = Array.from({ length: parts }, () => rng.uniform(0.6, 1.4));
  const sum = w.reduce((s, x) => s + x, 0);
  const out = w.map((x) => Math.floor((total * x) / sum));
  for (let left = total - out.reduce((s, x) => s + x, 0), i = 0; left > 0; left--, i++) out[i % parts]! += 1;
  return out;
}

/** Reorders keys[0..len) so that keys[0..k) are the k smallest (quickselect; keys are distinct). */
function selectSmallest(keys: Int32Array, len: number, k: number): void {
  let lo = 0;
  let hi = len - 1;
  while (lo < hi) {
    const pivot = keys[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (keys[i]! < pivot) i++;
      while (keys[j]! > pivot) j--;
      if (i <= j) {
        const x = keys[i]!;
        keys[i++] = keys[j]!;
        keys[j--] = x;
      }
    }
    if (k - 1 <= j) hi = j;
    else if (k - 1 >= i) lo = i;
    else return;
  }
}

/** Candidate local mediator indices per case kind: [ordinary, professional-or-major]. */
function candidateLists(model: CountyModel): readonly [Int32Array, Int32Array] {
  const ordinary: number[] = [];
  const other: number[] = [];
  model.mediators.forEach((m, i) => {
    if (m.tier !== 'industry') ordinary.push(i);
    if (m.tier !== 'village') other.push(i);
  });
  return [Int32Array.from(ordinary), Int32Array.from(other)];
}

export function generateProvinceInstance(options: ProvinceInstanceOptions = {}): ProvinceInstance {
  const rng = new Rng(options.seed ?? 1, 'mulberry32');
  const cases = options.cases ?? 100_000;
  const mediators = options.mediators ?? 50_000;
  const counties = options.counties ?? 90;
  const k = options.arcsPerCase ?? 40;
  const perCounty = Math.floor(mediators / counties);
  if (perCounty - 200 < 123 || perCounty - 200 + 15 < k) throw new RangeError('too few mediators per county');
  const extra = mediators - perCounty * counties;
  const casesOf = split(rng, cases, counties);
  const arcs = cases * k;
  const arcTask = new Int32Array(arcs);
  const arcAgent = new Int32Array(arcs);
  const costs = new Float64Array(arcs);
  const seats = new Int32Array(cases);
  const capacity = new Float64Array(mediators);
  const countyOfTask = new Int32Array(cases);
  const countyAgentStart = new Int32Array(counties + 1);
  const agentIds: string[] = [];
  const keys = new Int32Array(1024);
  let task = 0;
  let arc = 0;
  for (let c = 0; c < counties; c++) {
    const model = buildCountyModel(rng, perCounty - 200 + (c < extra ? 1 : 0));
    const base = countyAgentStart[c]!;
    countyAgentStart[c + 1] = base + model.mediators.length;
    model.mediators.forEach((m, i) => agentIds.push(`c${c}-${mediatorId(m, i)}`));
    const drawn: CaseInfo[] = Array.from({ length: casesOf[c]! }, () => drawCase(rng, model));
    capacity.set(capacitiesFor(rng, model, drawn), base);
    const lists = candidateLists(model);
    for (const kase of drawn) {
      const list = lists[kase.cls === 'ordinary' ? 0 : 1];
      for (let j = 0; j < list.length; j++) {
        const m = model.mediators[list[j]!]!;
        const cost = arcCost(m, kase) + (isEligible(m, kase) ? 0 : OUT_OF_RULE_PENALTY);
        keys[j] = Math.round(cost * 10) * 1024 + j; // cost in tenths, then the candidate: distinct keys
      }
      selectSmallest(keys, list.length, k);
      for (let j = 0; j < k; j++, arc++) {
        arcTask[arc] = task;
        arcAgent[arc] = base + list[keys[j]! & 1023]!;
        costs[arc] = Math.floor(keys[j]! / 1024) / 10;
      }
      seats[task] = seatsOf(kase);
      countyOfTask[task++] = c;
    }
  }
  const problem: IndexedProblem = {
    taskIds: Array.from({ length: cases }, (_, t) => `case-${t}`),
    seats,
    agentIds,
    capacity,
    loadCosts: Array.from(capacity, (cap) => (options.loadCosts ? balancingLoadCosts(cap) : null)),
    arcTask,
    arcAgent,
    arcCost: costs,
    arcLoad: new Float64Array(arcs).fill(1),
    sense: 'min',
    unassignedCost: options.unassignedCost === undefined ? 1000 : options.unassignedCost,
  };
  return { problem, countyOfTask, countyAgentStart };
}
