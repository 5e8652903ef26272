import { z } from 'zod';
import { CaseClassSchema } from '../../domain';
import type { DispatchConfig } from '../../domain/config/load';
import { reservationRules } from '../../domain/config/dispatch-settings';
import { ProtectedPoolSchema } from '../../domain/config/reservation-rules';
import type { DispatchStore } from './dispatch-port';
import type { DispatchSettingsStore } from './proposal-port';
import type { ArrivalHistory } from './arrival-history';
import { keptSeatsNow } from './kept-seats';

/** The seats a county keeps now and the forecast behind each rule (GET /v1/reservations, issue 20). */
export const ReservationViewSchema = z
  .strictObject({
    at: z.string(),
    reservations: z.array(
      z.strictObject({
        pool: ProtectedPoolSchema,
        forClass: CaseClassSchema,
        horizonDays: z.number(),
        quantile: z.number(),
        /** Expected arrivals of the class over the horizon, and per day. */
        forecast: z.strictObject({
          expected: z.number(),
          perDay: z.array(z.strictObject({ date: z.string(), expected: z.number() })),
          /** Days of history read, arrivals of every class and of the class. */
          basis: z.strictObject({ days: z.number().int(), arrivals: z.number().int(), ofClass: z.number().int() }),
        }),
        /** Seats the forecast asks for at the quantile; free seats of the pool; seats kept (the smaller). */
        wanted: z.number().int(),
        free: z.number().int(),
        kept: z.number().int(),
        /** Who keeps them. */
        byMediator: z.array(z.strictObject({ mediatorId: z.string(), seats: z.number().int() })),
      }),
    ),
  })
  .meta({ id: 'Reservations' });
export type ReservationView = z.infer<typeof ReservationViewSchema>;

export interface ReservationViewDeps {
  readonly dispatch: Pick<DispatchStore, 'listMediators' | 'loads'>;
  readonly settings: Pick<DispatchSettingsStore, 'get'>;
  readonly history: ArrivalHistory;
}

/** What the next dispatch would keep, by the county's own rules, history and loads. */
export async function viewReservations(
  deps: ReservationViewDeps,
  config: Pick<DispatchConfig, 'tierRules'>,
  now: Date,
): Promise<ReservationView> {
  const [mediators, loads, settings] = await Promise.all([deps.dispatch.listMediators(), deps.dispatch.loads(), deps.settings.get()]);
  const plan = await keptSeatsNow({ rules: reservationRules(settings), history: deps.history }, { mediators, loads }, config, now);
  return {
    at: now.toISOString(),
    reservations: plan.rules.map((r) => ({
      pool: r.pool,
      forClass: r.forClass,
      horizonDays: r.horizonDays,
      quantile: r.quantile,
      forecast: { expected: r.forecast.expected, perDay: [...r.forecast.perDay], basis: r.forecast.basis },
      wanted: r.wanted,
      free: r.free,
      kept: r.kept,
      byMediator: [...r.byMediator].map(([mediatorId, seats]) => ({ mediatorId, seats })),
    })),
  };
}
