import { isOnLeave, type CaseClass, type Mediator } from '../domain';
import type { DispatchConfig } from '../domain/config/load';
import type { ProtectedPool, ReservationRule } from '../domain/config/reservation-rules';
import { forecastArrivals, poissonQuantile, type Arrival, type ArrivalForecast } from './arrival-forecast';

/**
 * The seats kept at one moment (issue 20): for each reservation rule, the forecast of the class's
 * arrivals over its horizon, the seats that forecast asks for (its upper quantile), and which
 * mediators of the pool keep them — one seat at a time to whoever has most free seats left, so the
 * rest of each mediator's room stays usable. Recomputed at every dispatch: as the horizon passes
 * without the expected cases, the seats are released. Pure.
 */

export interface KeptSeats {
  readonly pool: ProtectedPool;
  readonly forClass: CaseClass;
  readonly horizonDays: number;
  readonly quantile: number;
  readonly forecast: ArrivalForecast;
  /** Seats the forecast asks for at the quantile. */
  readonly wanted: number;
  /** Free seats of the pool's active mediators now. */
  readonly free: number;
  /** Seats kept: `wanted`, at most `free`. */
  readonly kept: number;
  /** Mediator id → seats kept with them. */
  readonly byMediator: ReadonlyMap<string, number>;
}

export interface ReservationPlan {
  readonly rules: readonly KeptSeats[];
  /** Mediator id → seats kept and the class they are kept for (a mediator in two pools: the larger). */
  readonly seats: ReadonlyMap<string, { readonly seats: number; readonly forClass: CaseClass }>;
}

/** Is the mediator in the protected pool? */
function inProtectedPool(pool: ProtectedPool, m: Mediator, config: Pick<DispatchConfig, 'tierRules'>): boolean {
  return pool === 'gold' ? m.tier === 'gold' : m.tier === 'industry' && config.tierRules.legalOrganizations.includes(m.organization);
}

export function planReservations(
  rules: readonly ReservationRule[],
  input: {
    readonly mediators: readonly Mediator[];
    readonly loads: ReadonlyMap<string, number>;
    readonly history: readonly Arrival[];
    readonly config: Pick<DispatchConfig, 'tierRules'>;
    readonly now: Date;
  },
): ReservationPlan {
  const seats = new Map<string, { seats: number; forClass: CaseClass }>();
  const planned = rules.map((rule): KeptSeats => {
    const forecast = forecastArrivals(input.history, rule.forClass, input.now, rule.horizonDays, rule.historyDays);
    const wanted = poissonQuantile(forecast.expected, rule.quantile);
    const room = new Map(
      input.mediators
        .filter((m) => inProtectedPool(rule.pool, m, input.config) && !isOnLeave(m, input.now))
        .map((m) => [m.id, Math.max(0, m.capacity - (input.loads.get(m.id) ?? 0))] as const)
        .filter(([, free]) => free > 0),
    );
    const free = [...room.values()].reduce((a, b) => a + b, 0);
    const byMediator = new Map<string, number>();
    for (let k = 0; k < Math.min(wanted, free); k++) {
      // Most room left first; ties by id, so the plan is the same on every worker.
      const [id] = [...room].reduce((best, x) => (x[1] > best[1] || (x[1] === best[1] && x[0] < best[0]) ? x : best));
      room.set(id, (room.get(id) ?? 0) - 1);
      byMediator.set(id, (byMediator.get(id) ?? 0) + 1);
    }
    for (const [id, n] of byMediator) if (n > (seats.get(id)?.seats ?? 0)) seats.set(id, { seats: n, forClass: rule.forClass });
    return { ...rule, forecast, wanted, free, kept: Math.min(wanted, free), byMediator };
  });
  return { rules: planned, seats };
}
