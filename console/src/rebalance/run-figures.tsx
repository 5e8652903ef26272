import { formatNumber, formatPercent } from '../format';
import { useLocale } from '../locale';
import { figuresOf, type Run } from './run';

/** A run's figures as a definition list: moves, refusals, net gain, the highest utilisation before → after. */
export function RunFigures({ run, applied }: { readonly run: Run; readonly applied: boolean }) {
  const { t, locale } = useLocale();
  const f = figuresOf(run);
  return (
    <dl class="rb-figures">
      <div>
        <dt>{applied ? t('rbMovesApplied') : t('rbMovesPlanned')}</dt>
        <dd>{applied ? f.applied : f.moves}</dd>
      </div>
      {applied && (
        <div>
          <dt>{t('rbRefused')}</dt>
          <dd>{f.refused}</dd>
        </div>
      )}
      <div>
        <dt>{f.netGain >= 0 ? t('rbNetGain') : t('rbNetCost')}</dt>
        <dd>{formatNumber(Math.abs(f.netGain), locale, 2)}</dd>
      </div>
      <div>
        <dt>{t('rbMaxLoad')}</dt>
        <dd>{t('rbBeforeAfter', { before: formatPercent(f.maxBefore, locale, 0), after: formatPercent(f.maxAfter, locale, 0) })}</dd>
      </div>
      {f.stranded > 0 && (
        <div>
          <dt>{t('rbStranded')}</dt>
          <dd>{f.stranded}</dd>
        </div>
      )}
    </dl>
  );
}
