import type { CourtMonth } from '../domain/court-figures';
import { localMonth } from '../domain/lifecycle/subsidy';
import type { Rng } from '../domain/random';
import type { SimulatorParams } from './simulator-schema';
import { monthPeriod } from '../use-cases/reports/period';

/** What the simulated court reads of a simulated case. */
interface CourtCase {
  readonly channel: string;
  readonly referredAt: string;
  readonly history: readonly { readonly action: string; readonly at: string }[];
}

const DEFAULT_COURT = { directFilingsPerTransfer: 0.28, administrativePerMonth: 8 };

/**
 * A simulated court's monthly figures over the simulated days (issue 17 part 5): the disputes it
 * transferred are the simulated court referrals of the month, the filings after failed mediation
 * the court cases returned to it, and the cases filed directly are drawn (Poisson) at
 * `directFilingsPerTransfer` per transfer — so 诉前调解率 lands near 1 ÷ (1 + that ratio) by
 * construction: it describes the court, not the centre. A month the simulation covers only in part
 * is scaled to the whole month, as a court reports whole months.
 */
export function simulatedCourtMonths(files: readonly CourtCase[], start: Date, end: Date, params: SimulatorParams, rng: Rng): CourtMonth[] {
  const court = params.court ?? DEFAULT_COURT;
  const transfers = new Map<string, number>();
  const returned = new Map<string, number>();
  const bump = (m: Map<string, number>, iso: string) => m.set(localMonth(iso), (m.get(localMonth(iso)) ?? 0) + 1);
  for (const f of files) {
    if (f.channel !== 'court') continue;
    bump(transfers, f.referredAt);
    const back = f.history.find((h) => h.action === 'return_to_court');
    if (back) bump(returned, back.at);
  }
  const months: CourtMonth[] = [];
  for (let at = start; at < end;) {
    const month = localMonth(at.toISOString());
    const whole = monthPeriod(month);
    const covered =
      (Math.min(end.getTime(), whole.to.getTime()) - Math.max(start.getTime(), whole.from.getTime())) /
      (whole.to.getTime() - whole.from.getTime());
    const scale = (n: number) => Math.round(n / covered);
    const transferred = scale(transfers.get(month) ?? 0);
    const failed = scale(returned.get(month) ?? 0);
    const direct = rng.poisson(transferred * court.directFilingsPerTransfer);
    months.push({
      month,
      figures: {
        civilCommercialFilings: direct + failed,
        administrativeFilings: rng.poisson(court.administrativePerMonth),
        transferredToMediation: transferred,
        filedAfterFailedMediation: failed,
      },
      updatedAt: end.toISOString(),
    });
    at = whole.to;
  }
  return months;
}
