import type { Mediator } from '../domain';
import { loadDispatchConfig, type DispatchConfig } from '../domain/config/load';
import { loadSimulatorParams } from './simulator-schema';
import type { SimulatorParams } from './simulator-schema';
import { generateMediators, type TrueSkill } from './mediators';
import { Rng } from '../domain/random';

/** A simulated county: configuration, mediators, and the hidden truth for outcomes. */
export interface SimCounty {
  readonly seed: number;
  readonly start: Date;
  readonly config: DispatchConfig;
  readonly params: SimulatorParams;
  readonly mediators: readonly Mediator[];
  readonly trueSkill: TrueSkill;
}

export interface GenerateOptions {
  /** @defaultValue 20240320 */
  readonly seed?: number;
  /** First simulated day (00:00 UTC of that date). @defaultValue 2024-03-04 (a Monday) */
  readonly start?: Date;
  readonly config?: DispatchConfig;
  readonly params?: SimulatorParams;
}

export const DEFAULT_SEED = 20240320;
export const DEFAULT_START = new Date('2024-03-04T00:00:00.000Z');

/** Generates the county of docs/simulator.md, deterministically from the seed. */
export function generateCounty(options: GenerateOptions = {}): SimCounty {
  const seed = options.seed ?? DEFAULT_SEED;
  const start = options.start ?? DEFAULT_START;
  const config = options.config ?? loadDispatchConfig();
  const params = options.params ?? loadSimulatorParams();
  const { mediators, trueSkill } = generateMediators(config, params, new Rng(seed).fork('mediators'), start);
  return { seed, start, config, params, mediators, trueSkill };
}
