import type { FulfilmentMode, SettlementMode } from '../domain/fulfilment';
import type { FulfilmentParams } from './fulfilment-params';
import type { Category } from '../domain/taxonomy';
import type { Rng } from '../domain/random';
import { DAY_MS } from '../domain/time';
import { itemAt } from '../domain/indexed-access';

/**
 * The simulation's behavioural assumptions for the lifecycle, in one place so anyone can judge
 * the figures the reports print; the fulfilment and confirmation shares are in simulator.json
 * `fulfilment` (calibrated to the centre's account: family and neighbour disputes fulfilled on the
 * spot, land and utilities voluntarily, medical and traffic by the party's own accord).
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
} as const;

/** The mix of settlement modes for a dispute type (simulator.json `fulfilment.groups`, `modeMix`). */
function mixOf(category: Category, p: FulfilmentParams): readonly [SettlementMode, number][] {
  const group = (['tea', 'reasoning', 'law'] as const).find((g) => p.groups[g].includes(category)) ?? 'other';
  return Object.entries(p.modeMix[group]) as [SettlementMode, number][];
}

/** The fulfilment mode a settlement records, by dispute type. */
export function drawFulfilmentMode(category: Category, p: FulfilmentParams, rng: Rng): SettlementMode {
  let u = rng.next();
  const mix = mixOf(category, p);
  for (const [mode, share] of mix) {
    if (u < share) return mode;
    u -= share;
  }
  return itemAt(mix, mix.length - 1, 'fulfilment mode mix')[0];
}

export type FulfilmentDraw =
  | { readonly kind: 'fulfilled' | 'reneged'; readonly at: number }
  /** Supervised: the party cannot pay by the due date and gets 60 more days with help, then pays. */
  | { readonly kind: 'extended'; readonly at: number; readonly dueAt: number; readonly fulfilledAt: number };

/** When and how a pending fulfilment ends. */
export function drawFulfilment(mode: FulfilmentMode, settledAt: number, dueAt: number, p: FulfilmentParams, rng: Rng): FulfilmentDraw {
  const u = rng.next();
  if (u < p.fulfilledOnTime) return { kind: 'fulfilled', at: settledAt + rng.next() * (dueAt - settledAt) };
  if (u < p.fulfilledOnTime + p.fulfilledLate) return { kind: 'fulfilled', at: dueAt + rng.int(1, 15) * DAY_MS };
  if (mode === 'supervised' && rng.bernoulli(p.supervisedExtensionShare)) {
    const at = dueAt - rng.int(1, 5) * DAY_MS;
    const extendedTo = dueAt + 60 * DAY_MS;
    return { kind: 'extended', at, dueAt: extendedTo, fulfilledAt: at + rng.next() * (extendedTo - at) };
  }
  return { kind: 'reneged', at: dueAt + rng.int(3, 20) * DAY_MS };
}

/** A judicial confirmation as the simulated parties and court go through it (times in ms). */
export interface ConfirmationDraw {
  readonly applyAt: number;
  readonly acceptanceAt: number;
  readonly accepted: boolean;
  /** Accepted only: the ruling. */
  readonly rulingAt?: number;
  readonly confirmed?: boolean;
}

/** Whether the parties apply for judicial confirmation of an agreement with an amount, and how the court decides. */
export function drawConfirmation(
  courtReferred: boolean,
  amountYuan: number,
  settledAt: number,
  p: FulfilmentParams,
  rng: Rng,
): ConfirmationDraw | null {
  const c = p.confirmation;
  if (amountYuan <= 0 || !rng.bernoulli(courtReferred ? c.courtWithAmountShare : c.otherWithAmountShare)) return null;
  const applyAt = settledAt + rng.int(c.applyDays[0], c.applyDays[1]) * DAY_MS;
  const acceptanceAt = applyAt + rng.int(c.acceptanceDays[0], c.acceptanceDays[1]) * DAY_MS;
  if (!rng.bernoulli(c.acceptedShare)) return { applyAt, acceptanceAt, accepted: false };
  const rulingAt = acceptanceAt + rng.int(c.rulingDays[0], c.rulingDays[1]) * DAY_MS;
  return { applyAt, acceptanceAt, accepted: true, rulingAt, confirmed: rng.bernoulli(c.confirmedShare) };
}
