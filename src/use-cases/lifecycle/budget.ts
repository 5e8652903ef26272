import type { LifecycleEvent } from '../../domain/lifecycle-event';
import type { SubsidyConfig } from '../../domain/config/subsidy-config';
import type { LifecycleStore } from './lifecycle-port';
import { localMonth, subsidyLedger, type SubsidyCase } from '../../domain/lifecycle/subsidy';
import { monthPeriod } from '../reports/period';

/** The cases whose subsidies can fall in [from, to) — the ledger's reports source — instead of every file Redis holds. */
export type MonthCases = (from: Date, to: Date) => Promise<readonly SubsidyCase[]>;

/**
 * Warns before the monthly subsidy budget is hit: when the month's total reaches a configured
 * share (80 %, 95 % by default), one `subsidy.budget_warning` event per share and month.
 */
export async function checkBudget(
  store: LifecycleStore,
  now: Date,
  config: SubsidyConfig,
  monthCases?: MonthCases,
): Promise<LifecycleEvent[]> {
  const month = localMonth(now.toISOString());
  const { from, to } = monthPeriod(month);
  const cases = monthCases ? await monthCases(from, to) : await store.listFiles();
  const ledger = subsidyLedger(cases, month, () => undefined, config);
  const events: LifecycleEvent[] = [];
  for (const w of ledger.warnings) {
    if (!(await store.raiseOnce(`subsidy:${month}:${w.share}`))) continue;
    events.push({
      type: 'subsidy.budget_warning',
      at: now.toISOString(),
      month,
      share: w.share,
      spentYuan: ledger.totalYuan,
      budgetYuan: ledger.budgetYuan,
    });
  }
  await store.emit(events);
  return events;
}
