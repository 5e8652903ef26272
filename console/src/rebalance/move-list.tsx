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

/** Each move: the case, why (a tag, not colour alone), the sentence the service wrote, and its net gain. */
export function MoveList({ moves }: { readonly moves: readonly Move[] }) {
  const { t, locale } = useLocale();
  return (
    <ol class="rb-moves" data-testid="moves">
      {moves.map((m) => (
        <li key={m.seatId} data-case-id={m.caseId}>
          <span class={`rb-tag rb-reason-${m.reason}`}>{t(REASON_TEXT[m.reason])}</span>
          <a href={casePath(m.caseId)}>{t('rbCaseLink', { id: m.caseId })}</a>
          <span class="move-words">{m.words?.[locale] ?? `${m.from} → ${m.to}`}</span>
          <span class="muted move-gain">{t('rbMoveGain', { gain: formatNumber(m.gain.net, locale, 2) })}</span>
        </li>
      ))}
    </ol>
  );
}
