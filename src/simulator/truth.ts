import type { Case, CaseClass, Mediator } from '../domain';
import type { SimulatorParams } from './simulator-schema';
import type { TrueSkill } from './mediators';
import type { Rng } from '../domain/random';

/**
 * The simulator's hidden truth: how likely a mediator (or a panel) really is to settle a case, and
 * how long it takes. Only the simulator and the benchmark's oracle read it.
 */

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/** How far past `overloadStart` the mediator's load ratio is, scaled to 0..1. */
export function overload(loadRatio: number, params: SimulatorParams): number {
  const start = params.propensity.overloadStart;
  return Math.max(0, Math.min(1, (loadRatio - start) / (1 - start)));
}

function seatLogit(m: Mediator, c: Pick<Case, 'category' | 'class'>, loadRatio: number, skill: TrueSkill, params: SimulatorParams): number {
  const p = params.propensity;
  const s = skill.get(m.id)?.[c.category] ?? 0;
  return (
    p.intercept +
    p.skill * s +
    (m.tier === 'gold' ? p.goldBonus : 0) -
    p.classPenalty[c.class] -
    p.overloadPenalty * overload(loadRatio, params)
  );
}

/**
 * True settlement probability. One seat: logistic(intercept + skill·trueSkill + gold bonus − class
 * penalty − overload penalty·overload). A panel: the mean of the seats' logits plus a panel bonus.
 * `loadRatios` are the seats' open cases / capacity including this case.
 */
export function trueSuccess(
  seats: readonly Mediator[],
  c: Pick<Case, 'category' | 'class'>,
  loadRatios: readonly number[],
  skill: TrueSkill,
  params: SimulatorParams,
): number {
  const logits = seats.map((m, i) => seatLogit(m, c, loadRatios[i] ?? 0, skill, params));
  const mean = logits.reduce((a, b) => a + b, 0) / logits.length;
  return logistic(mean + (seats.length > 1 ? params.propensity.panelBonus : 0));
}

/** Days from assignment to outcome: log-normal by class, stretched by overload. */
export function outcomeDays(cls: CaseClass, maxLoadRatio: number, params: SimulatorParams, rng: Rng): number {
  const d = params.durationDays[cls];
  return rng.logNormal(d.median, d.sigma) * (1 + params.durationDays.overloadStretch * overload(maxLoadRatio, params));
}
