/** A simulated province for the service benchmarks: counties with their own API key, roster and referrals. */
import { randomBytes } from 'node:crypto';
import type { Referral } from '../../src/domain';
import { generateCounty, type SimCounty } from '../../src/simulator/county';
import { loadSimulatorParams } from '../../src/simulator/simulator-schema';
import { Rng } from '../../src/domain/random';
import { http } from './service-client';
import { referralSource } from './service-process';

/** One county of the benchmark as a client sees it. */
export interface BenchCounty {
  readonly id: string;
  /** Its admin API key. */
  readonly key: string;
  readonly sim: SimCounty;
  /** Its next new referral. */
  readonly next: () => Referral;
}

/**
 * `n` counties `${prefix}-000…`, each its own seed and a village roster of 60–140 % of the simulator's
 * (so the counties differ in size). Every county shares the embedded geography: there is no other yet.
 */
export function generateProvince(prefix: string, n: number, firstSeed = 1000): BenchCounty[] {
  const base = loadSimulatorParams();
  const rng = new Rng(`${prefix}-sizes`);
  return Array.from({ length: n }, (_, i) => {
    const id = `${prefix}-${String(i).padStart(3, '0')}`;
    const count = Math.round(base.mediators.village.count * (0.6 + 0.8 * rng.next()));
    const params = { ...base, mediators: { ...base.mediators, village: { ...base.mediators.village, count } } };
    const sim = generateCounty({ seed: firstSeed + i, params });
    return { id, key: `bk_${randomBytes(16).toString('hex')}`, sim, next: referralSource(sim, id) };
  });
}

/** TIAOJIE_API_KEYS for the counties: `key=admin@county`, comma-separated. */
export function apiKeysEnv(counties: readonly BenchCounty[]): string {
  return counties.map((c) => `${c.key}=admin@${c.id}`).join(',');
}

/** Puts every county's roster (PUT /v1/mediators), a few at a time; the wall time, ms. */
export async function provisionRosters(url: string, counties: readonly BenchCounty[], parallel = 4): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < counties.length; i += parallel) {
    await Promise.all(counties.slice(i, i + parallel).map((c) => http(url, c.key, 'PUT', '/v1/mediators', c.sim.mediators)));
  }
  return performance.now() - started;
}
