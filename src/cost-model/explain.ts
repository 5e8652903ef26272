import {
  ARC_TERMS,
  CATEGORY_LABELS,
  type Alternative,
  type ArcTerms,
  type CandidateCost,
  type Category,
  type Explanation,
} from '../domain';
import type { CandidateArc, DispatchProblem } from './build-problem';
import { itemAt } from '../domain/indexed-access';
import { localizedExplanationWords, type KeptNote } from './explain-words';
import type { PeopleBook } from './people';

/**
 * Explanations of chosen seats: the chosen mediator's arc cost by term (Σ terms = the arc cost the
 * optimizer saw), the marginal load cost at snapshot, and the runners-up for the same seat with
 * the difference on every term, plus a sentence for a dispatcher.
 */

export interface ExplainOptions {
  /** Runners-up to list. @defaultValue 3 */
  readonly alternatives?: number;
  /** The case's category, for the sentence. */
  readonly category: Category;
  /** Township id → name for the sentence. @defaultValue the id */
  readonly townshipName?: (id: string) => string;
  /** Names the mediators in the `words` (every language). @defaultValue no `words` */
  readonly people?: PeopleBook;
  /** Days left before the deadline when the case must be served now (issue 20), for "served first: due tomorrow". @defaultValue the case can wait */
  readonly servedFirstDaysLeft?: number;
  /** Seats kept for expected cases that this case could not take (issue 20). @defaultValue none */
  readonly seatsKept?: readonly KeptNote[];
}

function candidateCost(dp: DispatchProblem, a: CandidateArc): CandidateCost {
  const loadCost = dp.loadCosts.get(a.mediator.id)?.[0] ?? 0;
  return { mediatorId: a.mediator.id, arcCost: a.cost, loadCost, total: a.cost + loadCost, terms: { ...a.terms }, facts: { ...a.facts } };
}

function difference(alt: CandidateCost, chosen: CandidateCost): Alternative['difference'] {
  const d = {} as Record<keyof ArcTerms, number>;
  for (const t of ARC_TERMS) d[t] = alt.terms[t] - chosen.terms[t];
  return { ...d, loadCost: alt.loadCost - chosen.loadCost, total: alt.total - chosen.total };
}

const TIER_WORD = { industry: 'industry', village: 'village', gold: 'gold-medal' } as const;
const pct = (p: number): string => `${Math.round(p * 100)}%`;
const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}`;

function describe(c: CandidateCost, name: string, opts: ExplainOptions): string {
  const f = c.facts;
  const category = opts.category;
  return (
    `${name} (${TIER_WORD[f.tier]}, ${opts.townshipName?.(f.township) ?? f.township}): ${f.distanceKm.toFixed(1)} km away, ` +
    `handles ${CATEGORY_LABELS[category].en} disputes ${f.proficiency.toFixed(1)}, load ${f.load}/${f.capacity}, ` +
    `predicted success ${pct(f.predictedSuccess)}`
  );
}

function describeGap(alt: Alternative): string {
  const parts = [...ARC_TERMS.map((t) => [t, alt.difference[t]] as const), ['load', alt.difference.loadCost] as const]
    .filter(([, v]) => Math.abs(v) >= 0.05)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
    .slice(0, 3)
    .map(([t, v]) => `${t} ${signed(v)}`);
  return `costs ${signed(alt.difference.total)}` + (parts.length ? ` (${parts.join(', ')})` : '');
}

/** Builds an explainer over one dispatch problem; call it with the index of a chosen arc. */
export function makeExplainer(dp: DispatchProblem, options: ExplainOptions | ((task: number) => ExplainOptions)) {
  const byTask = new Map<number, number[]>();
  dp.candidates.forEach((a, i) => {
    const list = byTask.get(a.task);
    if (list) list.push(i);
    else byTask.set(a.task, [i]);
  });
  return (chosenArc: number): Explanation => {
    const arc = itemAt(dp.candidates, chosenArc);
    const opts = typeof options === 'function' ? options(arc.task) : options;
    const chosen = candidateCost(dp, arc);
    // Rank by total without building objects; only the runners-up shown get a full breakdown.
    const total = (i: number) => itemAt(dp.candidates, i).cost + (dp.loadCosts.get(itemAt(dp.candidates, i).mediator.id)?.[0] ?? 0);
    // A mediator with kept seats has two arcs to a protected case (kept-agents.ts): list them once.
    const seen = new Set([arc.mediator.id]);
    const alternatives = (byTask.get(arc.task) ?? [])
      .filter((i) => {
        const id = itemAt(dp.candidates, i).mediator.id;
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      })
      .map((i) => ({ i, t: total(i) }))
      .sort((a, b) => a.t - b.t || (itemAt(dp.candidates, a.i).mediator.id < itemAt(dp.candidates, b.i).mediator.id ? -1 : 1))
      .slice(0, opts.alternatives ?? 3)
      .map(({ i }) => {
        const cost = candidateCost(dp, itemAt(dp.candidates, i));
        return { name: itemAt(dp.candidates, i).mediator.name, alt: { ...cost, difference: difference(cost, chosen) } };
      });
    const next = alternatives[0];
    const text =
      `chosen: ${describe(chosen, arc.mediator.name, opts)}` +
      (next ? `; next: ${describe(next.alt, next.name, opts)} — ${describeGap(next.alt)}` : '; no other eligible mediator');
    const words = opts.people
      ? {
          words: localizedExplanationWords(chosen, next?.alt, {
            category: opts.category,
            people: opts.people,
            ...(opts.servedFirstDaysLeft !== undefined ? { servedFirstDaysLeft: opts.servedFirstDaysLeft } : {}),
            ...(opts.seatsKept?.length ? { seatsKept: opts.seatsKept } : {}),
          }),
        }
      : {};
    return { role: itemAt(dp.tasks, arc.task).role, chosen, alternatives: alternatives.map((a) => a.alt), text, ...words };
  };
}
