import { z } from 'zod';
import { DEFAULT_STABILITY_POLICY, type StabilityPolicy } from '../planning/rebalance/policy';
import type { NightlySchedule } from '../adapters/queue/rebalance-queue';

const num = (fallback: number) => z.coerce.number().min(0).default(fallback);

/**
 * Rebalance settings from the environment; every variable is optional.
 * - `REBALANCE_COUNTIES`: counties with a nightly run, comma-separated. @defaultValue TIAOJIE_DEFAULT_COUNTY or "shandan"
 * - `REBALANCE_CRON` / `REBALANCE_TZ`: when. @defaultValue "0 2 * * *" / "Asia/Shanghai"
 * - `REBALANCE_NIGHTLY`: "false" turns the schedule off (on-demand runs still work). @defaultValue "true"
 * - `REBALANCE_MOVE_PENALTY` / `REBALANCE_ACCEPTED_MOVE_PENALTY`: cost of a move. @defaultValue 1 / 3
 * - `REBALANCE_MAX_MOVES_PER_MEDIATOR`: cap per mediator per night. @defaultValue none
 * - `REBALANCE_MAX_MOVES`: discretionary moves per night, county-wide. @defaultValue none
 * - `REBALANCE_LEAVE_HORIZON_HOURS`: leave within this forces moves. @defaultValue 24
 */
export const RebalanceEnvSchema = z.object({
  REBALANCE_COUNTIES: z.string().optional(),
  TIAOJIE_DEFAULT_COUNTY: z.string().default('shandan'),
  REBALANCE_CRON: z.string().default('0 2 * * *'),
  REBALANCE_TZ: z.string().default('Asia/Shanghai'),
  REBALANCE_NIGHTLY: z.enum(['true', 'false']).default('true'),
  REBALANCE_MOVE_PENALTY: num(DEFAULT_STABILITY_POLICY.movePenalty),
  REBALANCE_ACCEPTED_MOVE_PENALTY: num(DEFAULT_STABILITY_POLICY.acceptedMovePenalty),
  REBALANCE_MAX_MOVES_PER_MEDIATOR: z.coerce.number().int().min(0).optional(),
  REBALANCE_MAX_MOVES: z.coerce.number().int().min(0).optional(),
  REBALANCE_LEAVE_HORIZON_HOURS: num(DEFAULT_STABILITY_POLICY.leaveHorizonHours),
});

export interface RebalanceSettings {
  readonly counties: readonly string[];
  readonly nightly: boolean;
  readonly schedule: NightlySchedule;
  readonly policy: StabilityPolicy;
}

export function loadRebalanceSettings(env: NodeJS.ProcessEnv = process.env): RebalanceSettings {
  const e = RebalanceEnvSchema.parse(env);
  const counties = (e.REBALANCE_COUNTIES ?? e.TIAOJIE_DEFAULT_COUNTY)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    counties,
    nightly: e.REBALANCE_NIGHTLY === 'true',
    schedule: { pattern: e.REBALANCE_CRON, tz: e.REBALANCE_TZ },
    policy: {
      ...DEFAULT_STABILITY_POLICY,
      movePenalty: e.REBALANCE_MOVE_PENALTY,
      acceptedMovePenalty: e.REBALANCE_ACCEPTED_MOVE_PENALTY,
      leaveHorizonHours: e.REBALANCE_LEAVE_HORIZON_HOURS,
      ...(e.REBALANCE_MAX_MOVES_PER_MEDIATOR !== undefined ? { maxMovesPerMediator: e.REBALANCE_MAX_MOVES_PER_MEDIATOR } : {}),
      ...(e.REBALANCE_MAX_MOVES !== undefined ? { maxMoves: e.REBALANCE_MAX_MOVES } : {}),
    },
  };
}
