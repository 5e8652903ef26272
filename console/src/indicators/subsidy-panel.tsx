import { formatNumber, formatPercent } from '../format';
import { useLabels } from '../labels';
import { useLocale } from '../locale';
import type { SubsidyLedger } from './report';

/** Sums of the ledger's entries by class: how many attempts, how many yuan. */
function byClass(ledger: SubsidyLedger): [string, { n: number; yuan: number }][] {
  const sums = new Map<string, { n: number; yuan: number }>();
  for (const e of ledger.entries) {
    const s = sums.get(e.class) ?? { n: 0, yuan: 0 };
    sums.set(e.class, { n: s.n + 1, yuan: s.yuan + e.yuan });
  }
  return [...sums.entries()];
}

/** The month's subsidy against the budget: a bar with its words (never colour alone) and the sums by class. */
export function SubsidyPanel({ ledger }: { readonly ledger: SubsidyLedger }) {
  const { t, locale, label } = useLocale();
  const labels = useLabels();
  const share = ledger.budgetYuan > 0 ? ledger.totalYuan / ledger.budgetYuan : 0;
  const reached = [...ledger.warnings].sort((a, b) => b.share - a.share)[0];
  const status = ledger.overBudget
    ? t('kpiSubsidyOver')
    : reached
      ? t('kpiSubsidyWarning', { share: formatPercent(reached.share, locale, 0) })
      : t('kpiSubsidyWithin');
  return (
    <div class="panel kpi-subsidy" data-testid="subsidy">
      <h2>{t('kpiSubsidy')}</h2>
      <p>
        {t('kpiSubsidySpent', {
          total: formatNumber(ledger.totalYuan, locale, 0),
          budget: formatNumber(ledger.budgetYuan, locale, 0),
          share: formatPercent(share, locale),
        })}{' '}
        <strong class={ledger.overBudget ? 'error' : reached ? 'kpi-warn' : 'kpi-ok'}>{status}</strong>
      </p>
      <div class="kpi-budget-bar" aria-hidden="true">
        <span class={ledger.overBudget ? 'over' : reached ? 'warn' : ''} style={{ width: `${Math.min(100, share * 100)}%` }} />
      </div>
      {ledger.entries.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('kpiClass')}</th>
              <th scope="col">{t('kpiSubsidyAttempts')}</th>
              <th scope="col">{t('kpiSubsidyYuan')}</th>
            </tr>
          </thead>
          <tbody>
            {byClass(ledger).map(([c, s]) => (
              <tr key={c}>
                <th scope="row">{label(labels.classes[c], c)}</th>
                <td>{s.n}</td>
                <td>{formatNumber(s.yuan, locale, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="muted">{t('kpiSubsidyDefinition')}</p>
    </div>
  );
}
