import { formatNumber } from '../format';
import { useLocale } from '../locale';
import { casePath } from '../paths';
import type { TextKey } from '../text';
import type { Move } from './run';

const REASON_TEXT: Readonly<Record<Move['reason'], TextKey>> = {
  gain: 'rbReasonGain',
  leave: 'rbReasonLeave',
  deadline: 'rbReasonDeadline',
  ineligible: 'rbReasonIneligible',
};

/**
 * Each move: why (a tag, not colour alone), the sentence the service wrote, its net gain, a link to
 * the case. `testId` tells the dry run's list (`moves`, what the browser tests read) from others.
 */
export function MoveList({ moves, testId = 'moves' }: { readonly moves: readonly Move[]; readonly testId?: string }) {
  const { t, locale } = useLocale();
  return (
    <ol class="rb-moves" data-testid={testId}>
      {moves.map((m) => (
        <li key={m.seatId} data-case-id={m.caseId}>
          <span class={`rb-tag rb-reason-${m.reason}`}>{t(REASON_TEXT[m.reason])}</span>
          <span class="rb-move-words">{m.words?.[locale] ?? `${m.caseId}: ${m.from} → ${m.to}`}</span>
          <span class="muted rb-move-gain">
            {m.gain.net >= 0
              ? t('rbMoveGain', { gain: formatNumber(m.gain.net, locale, 2) })
              : t('rbMoveCost', { cost: formatNumber(-m.gain.net, locale, 2) })}
          </span>
          <a href={casePath(m.caseId)} aria-label={t('rbCaseLink', { id: m.caseId })}>
            {t('rbOpenCase')}
          </a>
        </li>
      ))}
    </ol>
  );
}
