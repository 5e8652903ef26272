import type { StoreSnapshot } from '../../cost-model/build-problem';
import { planReservations, type ReservationPlan } from '../../cost-model/reservations';
import type { DispatchConfig } from '../../domain/config/load';
import type { ReservationRule } from '../../domain/config/reservation-rules';
import { DAY_MS } from '../../domain/time';
import type { KeptNote } from '../../cost-model/explain-words';
import type { ArrivalHistory } from './arrival-history';

/** The county's reservation rules and where its arrival history is read (issue 20). */
export interface ReservationOption {
  readonly rules: readonly ReservationRule[];
  readonly history: ArrivalHistory;
}

/** The seats kept now: the history the longest rule reads, forecast and planned against the snapshot. */
export async function keptSeatsNow(
  option: ReservationOption,
  snap: Pick<StoreSnapshot, 'mediators' | 'loads'>,
  config: Pick<DispatchConfig, 'tierRules'>,
  now: Date,
): Promise<ReservationPlan> {
  const longest = Math.max(0, ...option.rules.map((r) => r.historyDays));
  const history = longest > 0 ? await option.history.arrivals(new Date(now.getTime() - longest * DAY_MS)) : [];
  return planReservations(option.rules, { mediators: snap.mediators, loads: snap.loads, history, config, now });
}

/** The reservations that keep seats, as the explanation tells them. */
export function keptNotes(plan: ReservationPlan): KeptNote[] {
  return plan.rules
    .filter((r) => r.kept > 0)
    .map((r) => ({ pool: r.pool, forClass: r.forClass, kept: r.kept, expected: r.forecast.expected, horizonDays: r.horizonDays }));
}
