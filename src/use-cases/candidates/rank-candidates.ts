import { z } from 'zod';
import { CandidateCostSchema, SeatRoleSchema, type CandidateCost, type Case, type Seat } from '../../domain';
import type { DispatchConfig } from '../../domain/config/load';
import { buildDispatchProblem, describeExclusions, type DispatchProblem, type StoreSnapshot } from '../../cost-model/build-problem';
import { checkAssignment, rankSeatCandidates, type RuleViolation } from '../../cost-model/candidates';
import { panelOf, seatsFor, type Exclusion } from '../../cost-model/eligibility';
import { makeExplainer } from '../../cost-model/explain';
import { candidateWords } from '../../cost-model/explain-words';
import { peopleBook, type PeopleBook } from '../../cost-model/people';
import { isOpen } from '../../domain/lifecycle/state-machine';
import { inLocale, LocaleSchema, type Locale } from '../../domain/i18n/locale';

/** A candidate as people read it: the mediator named, marked when it holds the case now, its sentence. */
const NamedCandidateSchema = CandidateCostSchema.extend({
  /** The case's current mediator (its own load on this case is not counted against it). */
  current: z.boolean(),
  mediator: z.object({
    name: z.string(),
    tier: z.string(),
    organization: z.string(),
    township: z.string(),
    village: z.string().optional(),
  }),
  /** In the reply's language: the candidate's facts, rounded. */
  summary: z.string(),
  /** Why it ranks where it does against the best (the best: against the runner-up), the deciding reason first. */
  reasons: z.array(z.string()),
});
type NamedCandidate = z.infer<typeof NamedCandidateSchema>;

export const CandidatesReplySchema = z
  .object({
    caseId: z.string(),
    /** The language of `summary`, `reasons` and the labels. */
    lang: LocaleSchema,
    seats: z.array(z.object({ role: SeatRoleSchema, candidates: z.array(NamedCandidateSchema) })),
    /** Set when some seat has nobody eligible (then `seats` is empty). */
    excluded: z.object({ reason: z.string(), detail: z.string() }).nullable(),
  })
  .meta({ id: 'Candidates' });
export type CandidatesReply = z.infer<typeof CandidatesReplySchema>;

function problemFor(c: Case, snap: StoreSnapshot, config: DispatchConfig, now: Date): DispatchProblem {
  // The case as if waiting: candidates and pins are asked about cases in any state.
  const plan = panelOf(c);
  // A panel plan rides on the assignment being set aside here: keep it, so the plan's seats stay (issue 17).
  const waiting: Case = { ...c, status: 'referred', assignment: null, ...(plan ? { panel: plan } : {}) };
  return buildDispatchProblem({ cases: [waiting], mediators: snap.mediators, loads: snap.loads, outcomes: snap.outcomes, config, now });
}

/** The mediators holding the case now (none unless it is open and assigned). */
function currentMediators(c: Case): ReadonlySet<string> {
  return new Set(c.assignment && isOpen(c.status) ? c.assignment.mediatorIds : []);
}

/**
 * The loads as if the case were not assigned: its current mediators carry it in the snapshot,
 * and counting it would make them look fuller (a full mediator would not be a candidate for the
 * case it already holds).
 */
function loadsWithoutCase(loads: StoreSnapshot['loads'], current: ReadonlySet<string>): StoreSnapshot['loads'] {
  if (current.size === 0) return loads;
  const out = new Map(loads);
  for (const id of current) out.set(id, Math.max(0, (loads.get(id) ?? 0) - 1));
  return out;
}

function named(
  cand: CandidateCost,
  other: CandidateCost | undefined,
  current: boolean,
  c: Case,
  people: PeopleBook,
  locale: Locale,
): NamedCandidate {
  const p = people(cand.mediatorId);
  const words = candidateWords(cand, other, current, { category: c.category, people }, locale);
  return {
    ...cand,
    current,
    mediator: {
      name: p.name,
      tier: inLocale(p.tier, locale),
      organization: inLocale(p.organization, locale),
      township: inLocale(p.township, locale),
      ...(p.village ? { village: inLocale(p.village, locale) } : {}),
    },
    ...words,
  };
}

/**
 * The k cheapest eligible mediators per seat (the cost model's ranking) as the API's reply, named
 * and worded in `locale`, the case's current mediator marked and priced without this case's own
 * load: when some seat has nobody, the case is excluded with the dispatch problem's reason.
 * Nothing is written.
 */
export function rankCandidates(
  c: Case,
  snap: StoreSnapshot,
  config: DispatchConfig,
  k: number,
  now = new Date(),
  locale: Locale = 'zh-CN',
): CandidatesReply {
  const current = currentMediators(c);
  const seats = rankSeatCandidates(c, { ...snap, loads: loadsWithoutCase(snap.loads, current), config, now }, k, current);
  const empty = seats.find((s) => s.candidates.length === 0);
  if (empty) {
    const counts = new Map(Object.entries(empty.excluded) as [Exclusion, number][]);
    const onlyFull = counts.size === 1 && counts.has('at_capacity');
    return {
      caseId: c.id,
      lang: locale,
      seats: [],
      excluded: { reason: onlyFull ? 'capacity' : 'no_eligible_mediator', detail: describeExclusions(empty.role, counts) },
    };
  }
  const people = peopleBook(config, snap.mediators);
  return {
    caseId: c.id,
    lang: locale,
    seats: seats.map((s) => ({
      role: s.role,
      candidates: s.candidates.map((cand, i) =>
        named(cand, i === 0 ? s.candidates[1] : s.candidates[0], current.has(cand.mediatorId), c, people, locale),
      ),
    })),
    excluded: null,
  };
}

/**
 * Checks a dispatcher's choice against the hard rules (the cost model's check) and builds the
 * seats with cost and explanation where the cost model knows the pair.
 */
export function checkPin(
  c: Case,
  mediatorIds: readonly string[],
  snap: StoreSnapshot,
  config: DispatchConfig,
  now = new Date(),
): { violations: RuleViolation[]; seats: Seat[] } {
  const violations = checkAssignment(c, mediatorIds, { ...snap, config, now });
  const known = new Set(snap.mediators.map((m) => m.id));
  const dp = problemFor(c, snap, config, now);
  const people = peopleBook(config, snap.mediators);
  const explain = makeExplainer(dp, { category: c.category, alternatives: config.weights.alternatives, people });
  const seats: Seat[] = [];
  seatsFor(c, config.tierRules).forEach((seat, i) => {
    const id = mediatorIds[i];
    if (id === undefined || !known.has(id)) return;
    const arc = dp.candidates.findIndex((a) => a.mediator.id === id && dp.tasks[a.task]?.role === seat.role);
    if (arc >= 0) {
      const explanation = explain(arc);
      seats.push({ role: seat.role, mediatorId: id, cost: explanation.chosen.total, explanation });
    } else {
      seats.push({ role: seat.role, mediatorId: id, cost: 0 });
    }
  });
  return { violations, seats };
}
