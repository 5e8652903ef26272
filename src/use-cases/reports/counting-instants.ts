import { Tally, type KpiRow } from './tally';
import { tallyCase, tallyMediators, type CaseTallyContext, type KpiCase, type MediatorTally, type Within } from './case-tally';

/**
 * The report's own rules (case-tally.ts) run on one case with `within` standing for the period.
 * Grouping, quality window and subsidy table do not change which instants a rule asks about.
 */
function runRules(f: KpiCase, within: Within): { readonly tally: Tally; readonly mediators: MediatorTally } {
  const tally = new Tally();
  const mediators: MediatorTally = { seats: new Map(), subsidy: new Map() };
  const ctx: CaseTallyContext = { grouping: { mediator: () => undefined }, within, windowDays: 0, asOf: 0, tallyOf: () => [tally] };
  tallyCase(f, ctx);
  tallyMediators(f, within, null, mediators);
  return { tally, mediators };
}

/**
 * Every instant (ms, ascending) the report's rules ask about for this case, learnt by running them
 * with a `within` that records what it is asked and answers no. A period holding none of them runs
 * the rules exactly as that run did — every answer no — so the case counts nowhere in it: a ledger
 * may select the cases of a period by [first, last] of these and lose nothing.
 */
export function countingInstants(f: KpiCase): number[] {
  const asked = new Set<number>();
  runRules(f, (iso) => {
    if (iso !== undefined) asked.add(Date.parse(iso));
    return false;
  });
  return [...asked].sort((a, b) => a - b);
}

/** The first and last instant a case can count at (ISO), or null for a case that counts nowhere. */
export function countingSpan(f: KpiCase): { readonly first: string; readonly last: string } | null {
  const at = countingInstants(f);
  const first = at[0];
  const last = at[at.length - 1];
  return first === undefined || last === undefined ? null : { first: new Date(first).toISOString(), last: new Date(last).toISOString() };
}

/**
 * The report's counts that are plain sums of one case's counts at single instants: each is raised
 * by a rule asking about one instant only, so over any period it is the sum of the case's counts
 * at the instants inside. Not here: courtConcluded and fulfilment due (one count for any of
 * several instants), quality (judged at the period's end), days to settle (a median).
 */
export const PLAIN_COUNTS = [
  'referred',
  'settled',
  'courtSettled',
  'returned',
  'withdrawn',
  'withdrawnMediated',
  'attemptsEnded',
  'attemptsSettled',
  'courtAttemptsEnded',
  'courtAttemptsSettled',
  'firstSessions',
  'firstOnTime',
  'arrivals',
  'arrivalsOnTime',
  'seats',
] as const;
export type PlainCount = (typeof PLAIN_COUNTS)[number];
export type PlainCounts = Readonly<Record<PlainCount, number>>;

/** A case's plain counts at one instant. */
export interface CaseFact {
  readonly at: string;
  readonly counts: PlainCounts;
}

function plainCounts(t: Tally, m: MediatorTally): PlainCounts {
  let seats = 0;
  for (const n of m.seats.values()) seats += n;
  return {
    referred: t.referred,
    settled: t.settled,
    courtSettled: t.courtSettled,
    returned: t.returned,
    withdrawn: t.withdrawn,
    withdrawnMediated: t.withdrawnMediated,
    attemptsEnded: t.attemptsEnded,
    attemptsSettled: t.attemptsSettled,
    courtAttemptsEnded: t.courtAttemptsEnded,
    courtAttemptsSettled: t.courtAttemptsSettled,
    firstSessions: t.firstSessions,
    firstOnTime: t.firstOnTime,
    arrivals: t.arrivals,
    arrivalsOnTime: t.arrivalsOnTime,
    seats,
  };
}

/** The case's plain counts per instant it counts at (instants where nothing counts left out). */
export function caseFacts(f: KpiCase): CaseFact[] {
  const facts: CaseFact[] = [];
  for (const ms of countingInstants(f)) {
    const { tally, mediators } = runRules(f, (iso) => iso !== undefined && Date.parse(iso) === ms);
    const counts = plainCounts(tally, mediators);
    if (PLAIN_COUNTS.some((k) => counts[k] !== 0)) facts.push({ at: new Date(ms).toISOString(), counts });
  }
  return facts;
}

const SUMMARY_FIELDS = [
  'referred',
  'settled',
  'courtSettled',
  'returnedToCourt',
  'withdrawn',
  'withdrawnAfterMediation',
  'concluded',
  'successRate',
  'attemptsEnded',
  'attemptsSettled',
  'attemptSuccessRate',
  'courtAttemptsEnded',
  'courtAttemptsSettled',
  'courtAttemptSuccessRate',
  'firstSessions',
  'onTimeRate',
  'arrivals',
  'arrivalsOnTime',
  'departmentsOnTimeRate',
] as const;

/** The figures of a report row that plain counts decide, with the seats taken in the period. */
export type PlainFigures = Pick<KpiRow, (typeof SUMMARY_FIELDS)[number]> & { readonly seats: number };

/** Plain counts summed over [from, to) as the report's row states them (tally.ts computes the rates). */
export function plainFigures(c: PlainCounts, period: { readonly from: Date; readonly to: Date }): PlainFigures {
  const t = new Tally();
  for (const k of PLAIN_COUNTS) if (k !== 'seats') t[k] = c[k];
  const row = t.row('', { ...period, population: undefined, court: null });
  const picked = Object.fromEntries(SUMMARY_FIELDS.map((k) => [k, row[k]])) as Pick<KpiRow, (typeof SUMMARY_FIELDS)[number]>;
  return { ...picked, seats: c.seats };
}
