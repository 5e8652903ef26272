import type { Mediator, Referral } from '../../src/domain';
import { generateCounty, type SimCounty } from '../../src/simulator/county';
import { referralsForDay } from '../../src/simulator/referrals';
import { Rng } from '../../src/domain/random';

let cached: SimCounty | undefined;

/** The simulator's county (555 mediators), generated once per test file. */
export function simCounty(): SimCounty {
  cached ??= generateCounty();
  return cached;
}

export function mediators(): readonly Mediator[] {
  return simCounty().mediators;
}

/**
 * At least `n` simulated referrals (days of the simulator, in order), with externalIds made unique
 * by `tag` so tests never share cases.
 */
export function referrals(n: number, tag: string, seed = 7): Referral[] {
  const county = simCounty();
  const rng = new Rng(seed);
  const out: Referral[] = [];
  for (let day = 0; out.length < n; day++) {
    const date = new Date(county.start.getTime() + day * 86_400_000);
    for (const r of referralsForDay(date, { config: county.config, params: county.params, mediators: county.mediators }, rng)) {
      out.push({ ...r, externalId: `${tag}-${out.length}` });
      if (out.length === n) break;
    }
  }
  return out;
}

/**
 * What a service under test needs for these fixtures: their referrals are dated from the
 * simulator's start (2024), older than the default referral window (REFERRAL_MAX_AGE_DAYS); a test
 * of the window sets its own.
 */
export const FIXTURE_SERVICE_ENV: Readonly<Record<string, string>> = { REFERRAL_MAX_AGE_DAYS: '36500' };
