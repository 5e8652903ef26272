import { systemClock } from '../../../domain/time';
import { ReservationViewSchema, viewReservations } from '../../../use-cases/dispatch/reservation-view';
import { defineRoute } from '../route';
import type { RouteTarget } from '../deps';

/**
 * The seats the county keeps for the cases it expects (issue 20): per rule of its dispatch
 * settings, the forecast from its own arrival history, the seats it asks for and who keeps them.
 */
export function reservationRoutes({ router, registry, deps }: RouteTarget): void {
  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/reservations',
    tag: 'dispatch',
    summary: 'Seats kept now for expected cases (gold-medal and legal-expert seats for major cases), with the forecast behind them',
    description:
      'Rules from the county settings (`reservations` in `/v1/settings/dispatch`; default: gold-medal and legal-expert seats for the major cases of the next 2 days at 90%). ' +
      'The forecast reads the county’s referrals of the past `historyDays`, per weekday and month. Recomputed at every dispatch, so seats are released as the horizon passes. The history is the county’s arrival index (referrals per day and class, counted at intake; the last 800 days).',
    roles: ['dispatcher', 'viewer'],
    response: ReservationViewSchema,
    handler: async ({ caller }) =>
      viewReservations(
        {
          dispatch: deps.stores.dispatch(caller.county),
          settings: deps.stores.dispatchSettings(caller.county),
          // The same index the dispatch worker reads: the API shows the seats the next dispatch keeps.
          history: deps.stores.arrivals(caller.county),
        },
        (await deps.stores.countyConfigs.of(caller.county)).config,
        (deps.clock ?? systemClock)(),
      ),
  });
}
