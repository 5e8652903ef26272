import type { Arrival } from '../domain/session';
import type { FulfilmentMode } from '../domain/fulfilment';
import type { Category } from '../domain/taxonomy';
import type { Rng } from '../domain/random';
import { DAY_MS } from '../domain/time';
import { itemAt } from '../domain/indexed-access';

/**
 * The simulation's behavioural assumptions for the lifecycle, in one place so anyone can judge
 * the figures the reports print. Shares follow the centre's account where it gives them (family
 * and neighbour disputes fulfilled on the spot, land and utilities voluntarily, medical and
 * traffic by the party's own accord); the rest are stated guesses.
 */
export const SIM_ASSUMPTIONS = {
  /** A mediator declines an assignment (conflict, workload). */
  declineShare: 0.05,
  /** Parties withdraw after assignment. */
  withdrawShare: 0.02,
  /** Parties restrict the half-days they can attend; then they offer this share of the slots. */
  restrictedWindowsShare: 0.3,
  offeredSlotShare: 0.6,
  /** At most this many adjournments before the attempt concludes. */
  maxAdjournments: 2,
  /** Summoned departments arrive on time. */
  departmentOnTime: 0.9,
  /** Parties apply for judicial confirmation of their agreement. */
  confirmationShare: 0.4,
  /** Fulfilment after settlement: on time / late / reneged (→ enforcement). */
  fulfilledOnTime: 0.85,
  fulfilledLate: 0.08,
} as const;

const MODE_MIX: Readonly<Record<'tea' | 'reasoning' | 'law' | 'other', readonly [FulfilmentMode, number][]>> = {
  tea: [
    ['on_the_spot', 0.85],
    ['voluntary', 0.1],
    ['supervised', 0.05],
  ],
  reasoning: [
    ['voluntary', 0.8],
    ['on_the_spot', 0.1],
    ['supervised', 0.1],
  ],
  law: [
    ['own_accord', 0.85],
    ['supervised', 0.1],
    ['voluntary', 0.05],
  ],
  other: [
    ['voluntary', 0.5],
    ['own_accord', 0.3],
    ['supervised', 0.2],
  ],
};

function mixOf(category: Category): keyof typeof MODE_MIX {
  if (category === 'family' || category === 'neighbour' || category === 'marriage_inheritance') return 'tea';
  if (category === 'land' || category === 'utilities' || category === 'property_management' || category === 'environment')
    return 'reasoning';
  if (category === 'medical' || category === 'traffic') return 'law';
  return 'other';
}

export function drawFulfilmentMode(category: Category, rng: Rng): FulfilmentMode {
  let u = rng.next();
  const mix = MODE_MIX[mixOf(category)];
  for (const [mode, p] of mix) {
    if (u < p) return mode;
    u -= p;
  }
  return itemAt(mix, mix.length - 1, 'fulfilment mode mix')[0];
}

const DEPARTMENTS = ['dept-court', 'dept-police', 'dept-justice', 'dept-petition', 'dept-township'];

/** Departments summoned to a court-referred or major case's session, and whether they came on time. */
export function drawArrivals(summon: boolean, rng: Rng): Arrival[] {
  if (!summon) return [];
  const n = rng.int(1, 2);
  const start = rng.int(0, DEPARTMENTS.length - 1);
  return Array.from({ length: n }, (_, i) => ({
    ref: itemAt(DEPARTMENTS, (start + i) % DEPARTMENTS.length, 'departments'),
    onTime: rng.bernoulli(SIM_ASSUMPTIONS.departmentOnTime),
  }));
}

export type FulfilmentDraw = { readonly kind: 'fulfilled' | 'reneged'; readonly at: number };

/** When and how a pending fulfilment ends. */
export function drawFulfilment(settledAt: number, dueAt: number, rng: Rng): FulfilmentDraw {
  const u = rng.next();
  if (u < SIM_ASSUMPTIONS.fulfilledOnTime) return { kind: 'fulfilled', at: settledAt + rng.next() * (dueAt - settledAt) };
  if (u < SIM_ASSUMPTIONS.fulfilledOnTime + SIM_ASSUMPTIONS.fulfilledLate)
    return { kind: 'fulfilled', at: dueAt + rng.int(1, 15) * DAY_MS };
  return { kind: 'reneged', at: dueAt + rng.int(3, 20) * DAY_MS };
}
