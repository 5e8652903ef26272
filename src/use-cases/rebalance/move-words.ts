import { format } from '../../domain/i18n/catalogue';
import { LOCALES, type Locale } from '../../domain/i18n/locale';
import { figure } from '../../domain/i18n/numbers';
import { personText, TERM_MESSAGE, type PeopleBook } from '../../cost-model/people';
import type { RebalanceMove, RebalancePlan } from '../../planning/rebalance/plan';

/** One sentence per language, keyed by locale. */
export type MoveSentences = Readonly<Record<Locale, string>>;

/** A move with its sentence in every language (`summary` in a reply picks one). */
export type WordedMove = RebalanceMove & { readonly words: MoveSentences };

/** Terms named in a gain, at most: the ones that decided. */
const TERMS_SHOWN = 3;
/** A term gaining less than this is not worth a word. */
const TIE = 0.005;

function why(move: RebalanceMove, locale: Locale): string {
  switch (move.reason) {
    case 'leave':
      return format('moveLeave', locale);
    case 'deadline':
      return format('moveDeadline', locale);
    case 'ineligible':
      return format('moveIneligible', locale);
    case 'gain': {
      const terms = [...Object.entries(move.gain.byTerm), ['load', move.gain.load] as const]
        .filter(([, v]) => v >= TIE)
        .sort((a, b) => b[1] - a[1])
        .slice(0, TERMS_SHOWN)
        .map(([t, v]) => format('termGain', locale, { term: TERM_MESSAGE[t] ? format(TERM_MESSAGE[t], locale) : t, gain: figure(v) }));
      const gain = figure(move.gain.total);
      return terms.length
        ? format('moveGain', locale, { gain, terms: terms.join(format('listSeparator', locale)) })
        : format('moveGainNone', locale, { gain });
    }
  }
}

/** The sentence of one move: the case, from whom to whom (named), and why, the largest gain first. */
export function moveSentence(move: RebalanceMove, people: PeopleBook, locale: Locale): string {
  return format('move', locale, {
    caseId: move.caseId,
    from: personText(people(move.from), locale),
    to: personText(people(move.to), locale),
    why: why(move, locale),
  });
}

/** The plan with every move's sentence in every language. */
export function withMoveWords(plan: RebalancePlan, people: PeopleBook): RebalancePlan & { readonly moves: readonly WordedMove[] } {
  const moves = plan.moves.map((m) => ({
    ...m,
    words: Object.fromEntries(LOCALES.map((l) => [l, moveSentence(m, people, l)])) as MoveSentences,
  }));
  return { ...plan, moves };
}
