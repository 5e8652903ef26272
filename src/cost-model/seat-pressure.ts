import { isOnLeave, type Case, type Mediator } from '../domain';
import type { CostWeights } from '../domain/config/schema';
import type { DispatchConfig } from '../domain/config/load';
import { indexCounty } from '../domain/config/county-index';
import type { SeatEligibility } from './eligibility';

/**
 * Seat pressure (issue 20): how much a seat is wanted by the cases after this one. An overloaded
 * mediator settles less and their cases last longer, holding seats. While a pool has seats to
 * spare that costs the next cases nothing — spreading cases or sparing a busy mediator then only
 * adds travel; once it runs short, every seat held longer is a case served later, farther away or
 * not at all — and a case that fails held a seat another case was waiting for. So the price of
 * predicted failure, the load-balance weight and the price of success lost to load ramp with the
 * utilisation of the mediator's pool: their configured weight at or below `seatPressure.from`,
 * their pressured weight (`successUnderPressure`, `underPressure`) at or above `seatPressure.to`.
 *
 * A pool is where a mediator's seats are wanted: the village mediators of a township (and, for
 * them, the neighbouring townships whose overflow they take), the industry mediators of an
 * organisation, the gold-medal mediators. Its utilisation is the open cases of its mediators not
 * on leave, plus the township's ordinary cases waiting in this dispatch, over their capacity.
 * Pure; no I/O.
 */

/** The weights of one mediator, ramped by the pressure on their pool. */
export interface PressuredWeights {
  /** 0 (seats to spare) … 1 (seats short). */
  readonly pressure: number;
  /** `success` ramped to `successUnderPressure`. */
  readonly success: number;
  /** `load.weight` ramped to `load.underPressure`. */
  readonly balance: number;
  /** `loadSuccess.weight` ramped to `loadSuccess.underPressure`. */
  readonly loadSuccess: number;
}

export type SeatPressure = (m: Mediator) => PressuredWeights;

/** The pool a mediator's seats are counted in. */
function poolOf(m: Pick<Mediator, 'tier' | 'township' | 'organization'>): string {
  return m.tier === 'village' ? `village:${m.township}` : m.tier === 'industry' ? `industry:${m.organization}` : 'gold';
}

const sumsOf = (input: PressureInput): PoolSums => poolSums(input.mediators, input.loads, input.waiting, input.now);

type PoolSums = ReadonlyMap<string, { readonly open: number; readonly capacity: number }>;

/** Open cases (and, for village pools, the township's waiting ordinary cases) and capacity, per pool. */
function poolSums(
  mediators: readonly Mediator[],
  loads: ReadonlyMap<string, number>,
  waiting: readonly Pick<Case, 'class' | 'township'>[],
  now: Date,
): PoolSums {
  const sums = new Map<string, { open: number; capacity: number }>();
  for (const m of mediators) {
    if (m.capacity <= 0 || isOnLeave(m, now)) continue;
    const s = sums.get(poolOf(m)) ?? { open: 0, capacity: 0 };
    s.open += loads.get(m.id) ?? 0;
    s.capacity += m.capacity;
    sums.set(poolOf(m), s);
  }
  for (const c of waiting) {
    const s = c.class === 'ordinary' ? sums.get(`village:${c.township}`) : undefined;
    if (s) s.open += 1;
  }
  return sums;
}

/** Open cases (and, for village pools, the township's waiting ordinary cases) over capacity, per pool. */
export function poolUtilisation(
  mediators: readonly Mediator[],
  loads: ReadonlyMap<string, number>,
  waiting: readonly Pick<Case, 'class' | 'township'>[],
  now: Date,
): ReadonlyMap<string, number> {
  return new Map([...poolSums(mediators, loads, waiting, now)].map(([pool, s]) => [pool, s.open / s.capacity]));
}

/**
 * Whether the last ring of overflow (pool `village_county`) is open to a township's ordinary cases:
 * once its village mediators and its neighbours' together are past `seatPressure.to` busy, the
 * waiting cases counted. Before that the case's own and neighbouring townships serve it, and the
 * problem carries no arc to the rest of the county (a third of the arcs of a large batch).
 * Always open without `seatPressure`.
 */
export function lastRingOpen(input: PressureInput, sums: PoolSums = sumsOf(input)): (township: string) => boolean {
  const range = input.weights.seatPressure;
  if (!range) return () => true;
  const known = new Map<string, boolean>();
  return (township) => {
    const hit = known.get(township);
    if (hit !== undefined) return hit;
    let open = 0;
    let capacity = 0;
    for (const t of [township, ...input.neighbours(township)]) {
      const s = sums.get(`village:${t}`);
      open += s?.open ?? 0;
      capacity += s?.capacity ?? 0;
    }
    const short = capacity === 0 || open / capacity >= range.to;
    known.set(township, short);
    return short;
  };
}

export interface PressureInput {
  readonly weights: Pick<CostWeights, 'success' | 'successUnderPressure' | 'load' | 'loadSuccess' | 'seatPressure'>;
  readonly mediators: readonly Mediator[];
  readonly loads: ReadonlyMap<string, number>;
  /** The cases of this dispatch (none for a single case's candidates). */
  readonly waiting: readonly Pick<Case, 'class' | 'township'>[];
  readonly now: Date;
  readonly neighbours: (township: string) => readonly string[];
}

const ramp = (base: number, pressured: number | undefined, t: number): number => base + ((pressured ?? base) - base) * t;

/** The pressure on each mediator's pool and the weights it gives them. */
export function seatPressure(input: PressureInput, sums: PoolSums = sumsOf(input)): SeatPressure {
  const w = input.weights;
  const range = w.seatPressure;
  if (!range) {
    const flat = { pressure: 0, success: w.success, balance: w.load.weight, loadSuccess: w.loadSuccess.weight };
    return () => flat;
  }
  const of = (pool: string): number => {
    const s = sums.get(pool);
    return s ? s.open / s.capacity : 0;
  };
  const wanted = (m: Mediator): number =>
    m.tier === 'village' ? Math.max(of(poolOf(m)), ...input.neighbours(m.township).map((t) => of(`village:${t}`))) : of(poolOf(m));
  // Asked once per arc: computed once per mediator.
  const known = new Map<string, PressuredWeights>();
  return (m) => {
    const hit = known.get(m.id);
    if (hit) return hit;
    const t = Math.min(1, Math.max(0, (wanted(m) - range.from) / (range.to - range.from)));
    const weights = {
      pressure: t,
      success: ramp(w.success, w.successUnderPressure, t),
      balance: ramp(w.load.weight, w.load.underPressure, t),
      loadSuccess: ramp(w.loadSuccess.weight, w.loadSuccess.underPressure, t),
    };
    known.set(m.id, weights);
    return weights;
  };
}

/** The dispatch problem's reads of seat pressure, on the county's own map. */
export interface ProblemPressureInput {
  readonly config: Pick<DispatchConfig, 'weights' | 'county'>;
  readonly mediators: readonly Mediator[];
  readonly loads: ReadonlyMap<string, number>;
  readonly cases: readonly Pick<Case, 'class' | 'township'>[];
  readonly now: Date;
}

function pressureInput(input: ProblemPressureInput): PressureInput {
  const county = indexCounty(input.config.county);
  return {
    weights: input.config.weights,
    mediators: input.mediators,
    loads: input.loads,
    waiting: input.cases,
    now: input.now,
    neighbours: (t) => county.neighbours(t),
  };
}

/** What seat pressure gives a dispatch problem, from one count of its pools. */
export interface ProblemPressure {
  /** Each mediator's weights. */
  readonly weightsOf: SeatPressure;
  /** An eligible arc of the last ring (`village_county`) while the ring is closed to the case's township: left out. */
  readonly beyondOpenRing: (e: SeatEligibility, c: Pick<Case, 'township'>) => boolean;
}

/** Seat pressure and the last ring of a dispatch problem. */
export function problemPressure(input: ProblemPressureInput): ProblemPressure {
  const pressure = pressureInput(input);
  const sums = sumsOf(pressure);
  const ringOpen = lastRingOpen(pressure, sums);
  return {
    weightsOf: seatPressure(pressure, sums),
    beyondOpenRing: (e, c) => e.eligible && e.pool === 'village_county' && !ringOpen(c.township),
  };
}
