import {
  CASE_CLASS_LABELS,
  CATEGORY_LABELS,
  type CandidateCost,
  type CaseClass,
  type Category,
  type LocalizedWords,
  type Words,
  shownCost,
} from '../domain';
import type { ProtectedPool } from '../domain/config/reservation-rules';
import { format } from '../domain/i18n/catalogue';
import { LOCALES, inLocale, type Locale } from '../domain/i18n/locale';
import { figure, km, percent } from '../domain/i18n/numbers';
import { personText, type PeopleBook } from './people';

/**
 * The sentences of an explanation or a candidate, from the catalogue: the mediator by name, tier,
 * organisation and place; the reasons that decided first (the terms on which the mediator beats
 * the one compared with, largest advantage first); every figure rounded.
 */

export interface WordsContext {
  /** The case's category, for "proficiency in family disputes". */
  readonly category: Category;
  readonly people: PeopleBook;
  /** Days left before the deadline of a case that must be served now (served first); absent when it can wait. */
  readonly servedFirstDaysLeft?: number;
  /** Seats kept for expected cases that this case could not take. */
  readonly seatsKept?: readonly KeptNote[];
}

/** A reservation as the words tell it. */
export interface KeptNote {
  readonly pool: ProtectedPool;
  readonly forClass: CaseClass;
  readonly kept: number;
  readonly expected: number;
  readonly horizonDays: number;
}

/** "2 gold-medal seat(s) kept for the 1.3 major case(s) expected within 2 days". */
export function seatsKeptReason(n: KeptNote, locale: Locale): string {
  return format('seatsKept', locale, {
    pool: format(n.pool === 'gold' ? 'poolGold' : 'poolLegal', locale),
    reserved: n.kept,
    expected: figure(n.expected),
    horizon: figure(n.horizonDays),
    caseClass: inLocale(CASE_CLASS_LABELS[n.forClass], locale),
  });
}

/** "served first: due tomorrow": why a case that cannot wait took a seat before cases that can. */
export function servedFirstReason(daysLeft: number, locale: Locale): string {
  const days = Math.ceil(daysLeft);
  const due =
    daysLeft <= 0
      ? format('dueOverdue', locale)
      : days <= 0
        ? format('dueToday', locale)
        : days === 1
          ? format('dueTomorrow', locale)
          : format('dueInDays', locale, { days });
  return format('servedFirst', locale, { due });
}

/** The terms a person can weigh; urgency is the same on every arc of a case, so it never decides. */
const COMPARED = ['travel', 'expertise', 'success', 'load', 'goldPremium', 'overflow'] as const;
type Compared = (typeof COMPARED)[number];

/** A fall of predicted success due to load smaller than this (2 points) goes unmentioned. */
const LOAD_VISIBLE = 0.02;

/** Seat pressure from which the words say seats are short (half way up the ramp). */
const SHORT = 0.5;

/** A difference smaller than this is a tie, not a reason. */
const TIE = 0.005;

const costOf = (c: CandidateCost, t: Compared): number => (t === 'load' ? c.loadCost : c.terms[t]);

function comparedReason(t: Compared, s: CandidateCost, o: CandidateCost, other: string, ctx: WordsContext, locale: Locale): string {
  const category = inLocale(CATEGORY_LABELS[ctx.category], locale);
  const a = s.facts;
  const b = o.facts;
  switch (t) {
    case 'travel':
      return format('travel', locale, { km: km(a.distanceKm), other, otherKm: km(b.distanceKm) });
    case 'expertise':
      return format('expertise', locale, { category, proficiency: figure(a.proficiency), other, otherProficiency: figure(b.proficiency) });
    case 'success':
      // The other's load lowered their prediction by a visible amount: say so (issue 20).
      if ((b.successWithoutLoad ?? b.predictedSuccess) - b.predictedSuccess >= LOAD_VISIBLE)
        return format('overloaded', locale, {
          other,
          otherLoad: b.load,
          otherCapacity: b.capacity,
          otherSuccess: percent(b.predictedSuccess),
        });
      return format('success', locale, { success: percent(a.predictedSuccess), other, otherSuccess: percent(b.predictedSuccess) });
    case 'load':
      return format(Math.max(a.seatPressure ?? 0, b.seatPressure ?? 0) >= SHORT ? 'loadShort' : 'load', locale, {
        load: a.load,
        capacity: a.capacity,
        other,
        otherLoad: b.load,
        otherCapacity: b.capacity,
      });
    case 'goldPremium':
      return format(s.terms.goldPremium < o.terms.goldPremium ? 'notGold' : 'gold', locale);
    case 'overflow':
      return format(s.terms.overflow < o.terms.overflow ? 'ownPool' : 'overflowPool', locale, { other });
  }
}

/** The plain facts of one mediator, when there is nobody to compare with. */
export function factReasons(s: CandidateCost, ctx: WordsContext, locale: Locale): string[] {
  const f = s.facts;
  return [
    format('distanceOnly', locale, { km: km(f.distanceKm) }),
    format('expertiseOnly', locale, { category: inLocale(CATEGORY_LABELS[ctx.category], locale), proficiency: figure(f.proficiency) }),
    format('successOnly', locale, { success: percent(f.predictedSuccess) }),
    format('loadOnly', locale, { load: f.load, capacity: f.capacity }),
  ];
}

/**
 * Why `s` rather than `o`: one reason per term on which they differ, the largest advantage of `s`
 * first (so the deciding reason leads), its disadvantages last. All facts when they tie on every term.
 */
export function comparisonReasons(s: CandidateCost, o: CandidateCost, ctx: WordsContext, locale: Locale): string[] {
  const other = ctx.people(o.mediatorId).name;
  const differing = COMPARED.map((t) => ({ t, advantage: costOf(o, t) - costOf(s, t) }))
    .filter((d) => Math.abs(d.advantage) >= TIE)
    .sort((x, y) => y.advantage - x.advantage);
  if (differing.length === 0) return factReasons(s, ctx, locale);
  return differing.map((d) => comparedReason(d.t, s, o, other, ctx, locale));
}

/** The words of a chosen seat in one language: the choice with its deciding reason, then the runner-up. */
export function explanationWords(chosen: CandidateCost, next: CandidateCost | undefined, ctx: WordsContext, locale: Locale): Words {
  const base = seatWords(chosen, next, ctx, locale);
  const kept = (ctx.seatsKept ?? []).map((n) => seatsKeptReason(n, locale));
  const words = kept.length ? { summary: base.summary, reasons: [...base.reasons, ...kept] } : base;
  if (ctx.servedFirstDaysLeft === undefined) return words;
  // After the choice of mediator: the summary and the reasons stay led by why this mediator.
  const first = servedFirstReason(ctx.servedFirstDaysLeft, locale);
  const sentence = locale === 'en' ? ` ${first.charAt(0).toUpperCase()}${first.slice(1)}.` : `${first}。`;
  return { summary: words.summary + sentence, reasons: [...words.reasons, first] };
}

function seatWords(chosen: CandidateCost, next: CandidateCost | undefined, ctx: WordsContext, locale: Locale): Words {
  const person = personText(ctx.people(chosen.mediatorId), locale);
  if (!next) return { summary: format('onlyOne', locale, { person }), reasons: factReasons(chosen, ctx, locale) };
  const reasons = comparisonReasons(chosen, next, ctx, locale);
  const gap = next.total - chosen.total;
  const summary =
    format('chosen', locale, { person, reason: reasons[0] ?? '' }) +
    (locale === 'en' ? ' ' : '') +
    format(gap < 0 ? 'nextBestCheaper' : 'nextBest', locale, {
      person: personText(ctx.people(next.mediatorId), locale),
      gap: figure(Math.abs(gap)),
    });
  return { summary, reasons };
}

/** `explanationWords` in every language, to store with the explanation. */
export function localizedExplanationWords(chosen: CandidateCost, next: CandidateCost | undefined, ctx: WordsContext): LocalizedWords {
  const [zh, en] = LOCALES.map((l) => explanationWords(chosen, next, ctx, l));
  return { 'zh-CN': zh as Words, en: en as Words };
}

/**
 * A candidate in a list, in one language: its facts in one sentence (marked when it is the case's
 * current mediator), and why it ranks where it does against `other` (the best candidate, or the
 * runner-up for the best one).
 */
export function candidateWords(
  c: CandidateCost,
  other: CandidateCost | undefined,
  current: boolean,
  ctx: WordsContext,
  locale: Locale,
): Words {
  const f = c.facts;
  const summary = format('candidate', locale, {
    person: personText(ctx.people(c.mediatorId), locale),
    current: current ? format('current', locale) : '',
    km: km(f.distanceKm),
    category: inLocale(CATEGORY_LABELS[ctx.category], locale),
    proficiency: figure(f.proficiency),
    load: f.load,
    capacity: f.capacity,
    success: percent(f.predictedSuccess),
    total: figure(shownCost(c)),
  });
  return { summary, reasons: other ? comparisonReasons(c, other, ctx, locale) : factReasons(c, ctx, locale) };
}
