import type { Assignment, Case, Seat, UnassignedReason } from '../../domain';
import type { DispatchConfig } from '../../domain/config/load';
import { indexCounty } from '../../domain/config/county-index';
import { buildDispatchProblem, daysLeft, type DispatchProblem, type SuccessPredictor } from '../../cost-model/build-problem';
import { mustServeNow } from '../../cost-model/terms';
import { makeExplainer } from '../../cost-model/explain';
import { peopleBook } from '../../cost-model/people';
import { indexProblem } from '../../engine/indexed';
import { DEFAULT_TIME_LIMIT_SEC, solveIndexed, type SolveOptions } from '../../engine/solve';
import { itemAt, mustGet } from '../../domain/indexed-access';
import type { DispatchStore, QuarantinedRecord } from './dispatch-port';
import { readSnapshot } from './read-snapshot';
import { proposalFor, splitByMode, type DispatchModesOption } from './dispatch-modes';
import { ALL_AUTO } from '../../domain/config/dispatch-settings';
import type { ReservationPlan } from '../../cost-model/reservations';
import type { LoadShift } from '../../cost-model/load-success';
import { keptNotes, keptSeatsNow, type ReservationOption } from './kept-seats';
import { withPanelPlans, type CaseWithPlan, type PanelOption } from './panel-plans';

export interface DispatchBatchOptions {
  readonly config: DispatchConfig;
  /** Dispatch time (leave, deadlines, assignedAt). @defaultValue new Date() */
  readonly now?: Date;
  /** Only these waiting cases. @defaultValue every waiting case */
  readonly caseIds?: readonly string[];
  /** At most this many cases, oldest first. @defaultValue no limit */
  readonly limit?: number;
  /** Replaces the learned success prediction (benchmark oracle). @defaultValue learned from outcome history */
  readonly predict?: SuccessPredictor;
  /** Replaces the learned fall of success with load (benchmark oracle). @defaultValue learned from closed seats; none with `predict` */
  readonly loadShift?: LoadShift;
  /**
   * Wall-clock limit of each solve round, seconds. Dispatch problems have unit loads and go to the
   * exact flow engine, which needs none; the limit binds only if a problem reaches the MIP path.
   * @defaultValue DEFAULT_TIME_LIMIT_SEC (10)
   */
  readonly timeLimitSec?: number;
  /** Engine choice and threading; the limit is `timeLimitSec`. @defaultValue the engine's defaults */
  readonly solve?: Omit<SolveOptions, 'timeLimitSec'>;
  /** Solve rounds spent dropping half-filled panels. @defaultValue 3 */
  readonly maxRounds?: number;
  /**
   * The county's dispatch modes (issue 16): `manual` and held cases are set aside, `propose` cases
   * solved and written as proposals. @defaultValue every class `auto`, nothing held or proposed
   */
  readonly modes?: DispatchModesOption;
  /**
   * Seats kept for the cases the county expects (issue 20): the rules (the county's settings) and
   * its arrival history; other classes may not take them. @defaultValue nothing kept
   */
  readonly reservations?: ReservationOption;
  /**
   * Panel plans for major cases (issue 17, convening): each is sized by the case, its seats solved
   * and the plan stored with the proposal or assignment. @defaultValue none: the two-seat panel
   */
  readonly panels?: PanelOption;
}

export interface AssignedCase {
  readonly caseId: string;
  readonly assignment: Assignment;
}

export interface UnassignedCase {
  readonly caseId: string;
  readonly reason: UnassignedReason;
  readonly detail: string;
}

export interface DispatchReport {
  readonly assigned: readonly AssignedCase[];
  readonly unassigned: readonly UnassignedCase[];
  /** Stored records that failed validation and were left out (cases among them are also in `unassigned`). */
  readonly quarantined: readonly QuarantinedRecord[];
  /** Cases written as proposals (mode `propose`), with what was proposed. */
  readonly proposed: readonly AssignedCase[];
  /** Cases set aside for a dispatcher's pin (mode `manual`, or `hold`). */
  readonly held: readonly string[];
  /** The seats kept in this dispatch and the forecast behind them; absent without `reservations`. */
  readonly kept?: ReservationPlan;
  readonly stats: {
    readonly cases: number;
    readonly tasks: number;
    readonly arcs: number;
    readonly rounds: number;
    readonly solveMs: number;
    /** Objective of the last round (arc + load + unassigned costs). */
    readonly objective: number | null;
  };
}

interface RoundResult {
  readonly dp: DispatchProblem;
  /** Chosen arc per task index (−1 = unfilled). */
  readonly chosen: Int32Array;
  readonly objective: number | null;
  readonly solveMs: number;
}

async function solveRound(
  cases: readonly Case[],
  base: Omit<Parameters<typeof buildDispatchProblem>[0], 'cases'>,
  options: DispatchBatchOptions,
): Promise<RoundResult> {
  const dp = buildDispatchProblem({ ...base, cases });
  const ip = indexProblem(dp.problem);
  const started = performance.now();
  const sol = await solveIndexed(ip, { ...options.solve, timeLimitSec: options.timeLimitSec ?? DEFAULT_TIME_LIMIT_SEC });
  const solveMs = performance.now() - started;
  // With unassignedCost set every problem is feasible; anything else is a solver bug (a plain Error: a 500).
  if (sol.status !== 'optimal' && sol.status !== 'feasible') throw new Error(`dispatch solve returned ${sol.status}: ${sol.message ?? ''}`);
  const chosen = new Int32Array(dp.tasks.length).fill(-1);
  for (const a of sol.chosenArcs) chosen[itemAt(dp.candidates, a, 'candidates').task] = a;
  return { dp, chosen, objective: sol.objective, solveMs };
}

/** Case ids with some seats filled and some not: a half panel is never assigned. */
function halfFilled(r: RoundResult): Set<string> {
  const filled = new Map<string, { filled: number; seats: number }>();
  r.dp.tasks.forEach((t, i) => {
    const f = filled.get(t.caseId) ?? { filled: 0, seats: 0 };
    f.seats += 1;
    if ((r.chosen[i] as number) >= 0) f.filled += 1;
    filled.set(t.caseId, f);
  });
  return new Set([...filled].filter(([, f]) => f.filled > 0 && f.filled < f.seats).map(([id]) => id));
}

/** The cases among quarantined records, as unassigned cases: set aside, never solved. */
function invalidCases(quarantined: readonly QuarantinedRecord[]): UnassignedCase[] {
  return quarantined
    .filter((q) => q.kind === 'case')
    .map((q) => ({ caseId: q.id, reason: 'invalid_record' as const, detail: `stored record failed validation: ${q.reason}` }));
}

/** Writes the proposals of `propose`-mode cases; returns those written (a case a pin took first is left alone). */
async function writeProposals(
  batch: readonly AssignedCase[],
  caseOf: (id: string) => Case,
  context: Awaited<ReturnType<typeof readSnapshot>> & { readonly options: DispatchBatchOptions; readonly now: Date },
): Promise<AssignedCase[]> {
  const modes = context.options.modes;
  if (batch.length === 0 || !modes) return [];
  const snap = { mediators: context.mediators, loads: context.loads, outcomes: context.outcomes };
  const entries = batch.map((b) => ({
    caseId: b.caseId,
    proposal: proposalFor(caseOf(b.caseId), b.assignment, {
      snap,
      config: context.options.config,
      settings: modes.settings,
      now: context.now,
    }),
  }));
  const written = new Set(await modes.proposals.propose(entries));
  return batch.filter((b) => written.has(b.caseId));
}

/**
 * The dispatch use case: takes the waiting cases, snapshots mediators, loads and outcome history,
 * builds the problem, solves it, commits the assignments atomically and records the cases it
 * could not assign, with reasons. Major cases whose panel is only half filled are taken out and
 * the rest solved again, so capacity is not wasted on half panels. Records the store finds
 * invalid are quarantined: a bad mediator is left out, a bad case marked `invalid_record`, and
 * the rest of the county is dispatched as usual. With `modes`, cases in `manual` mode (or held by
 * their referral) are set aside as `held`, and `propose`-mode cases are solved with the rest but
 * written as proposals, holding no load until confirmed.
 */
export async function dispatchBatch(store: DispatchStore, options: DispatchBatchOptions): Promise<DispatchReport> {
  const now = options.now ?? new Date();
  const waiting = await store.waitingCases({
    ...(options.caseIds ? { ids: options.caseIds } : {}),
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
  });
  const modes = splitByMode(waiting, options.modes?.settings ?? ALL_AUTO);
  const held = modes.held.length > 0 && options.modes ? [...(await options.modes.proposals.hold(modes.held))] : [];
  const cases: readonly CaseWithPlan[] = options.panels ? withPanelPlans(modes.solve, options.panels, options.config) : modes.solve;
  const setAside = store.takeQuarantined?.() ?? [];
  if (cases.length === 0) {
    const unassigned = invalidCases(setAside);
    await store.markUnassigned(unassigned.map((u) => ({ caseId: u.caseId, reason: u.reason })));
    const stats = { cases: 0, tasks: 0, arcs: 0, rounds: 0, solveMs: 0, objective: null };
    return { assigned: [], unassigned, quarantined: setAside, proposed: [], held, stats };
  }
  const snap = await readSnapshot(store);
  const kept = options.reservations ? await keptSeatsNow(options.reservations, snap, options.config, now) : undefined;
  const base = {
    ...snap,
    config: options.config,
    now,
    ...(options.predict ? { predict: options.predict } : {}),
    ...(options.loadShift ? { loadShift: options.loadShift } : {}),
    ...(kept ? { kept: kept.seats } : {}),
  };
  const notes = kept ? keptNotes(kept) : [];
  const quarantined = [...setAside, ...(store.takeQuarantined?.() ?? [])];

  const unassigned: UnassignedCase[] = invalidCases(quarantined);
  let active = cases;
  let round = await solveRound(active, base, options);
  let rounds = 1;
  let solveMs = round.solveMs;
  for (let half = halfFilled(round); half.size > 0; half = halfFilled(round)) {
    for (const id of half)
      unassigned.push({ caseId: id, reason: 'incomplete_panel', detail: 'only one seat of the panel could be filled' });
    if (rounds >= (options.maxRounds ?? 3)) break;
    active = active.filter((c) => !half.has(c.id));
    round = await solveRound(active, base, options);
    rounds += 1;
    solveMs += round.solveMs;
  }
  const dropped = new Set(unassigned.map((u) => u.caseId));
  for (const e of round.dp.excluded) unassigned.push({ caseId: e.caseId, reason: e.reason, detail: e.detail });

  const byId = new Map(cases.map((c) => [c.id, c]));
  const county = indexCounty(options.config.county);
  const people = peopleBook(options.config, base.mediators);
  const explain = makeExplainer(round.dp, (task) => {
    const c = mustGet(byId, itemAt(round.dp.tasks, task, 'tasks').caseId, 'case');
    const left = daysLeft(c, now);
    return {
      category: c.category,
      alternatives: options.config.weights.alternatives,
      townshipName: (id) => county.township(id)?.name.en ?? id,
      people,
      ...(mustServeNow(left, c.class, options.config.weights) ? { servedFirstDaysLeft: left } : {}),
      ...(round.dp.keptFrom.has(c.id) ? { seatsKept: notes } : {}),
    };
  });
  const seatsByCase = new Map<string, Seat[]>();
  const missing = new Set<string>();
  round.dp.tasks.forEach((t, i) => {
    const arc = round.chosen[i] as number;
    if (arc < 0) {
      missing.add(t.caseId);
      return;
    }
    const explanation = explain(arc);
    const seats = seatsByCase.get(t.caseId) ?? [];
    seats.push({ role: t.role, mediatorId: explanation.chosen.mediatorId, cost: explanation.chosen.total, explanation });
    seatsByCase.set(t.caseId, seats);
  });
  for (const id of missing) {
    if (dropped.has(id)) continue;
    unassigned.push({
      caseId: id,
      reason: 'outranked',
      detail: 'capacity ran short; cases that could not wait for their deadline, then those cheaper to serve, came first',
    });
  }
  const batch = [...seatsByCase]
    .filter(([id]) => !missing.has(id) && !dropped.has(id))
    .map(([caseId, seats]) => {
      const panel = byId.get(caseId)?.panel;
      return {
        caseId,
        assignment: {
          mediatorIds: seats.map((s) => s.mediatorId),
          seats,
          cost: seats.reduce((a, s) => a + s.cost, 0),
          assignedAt: now.toISOString(),
          by: 'optimizer' as const,
          ...(panel ? { panel } : {}),
        },
      };
    });
  const proposed = await writeProposals(
    batch.filter((b) => modes.propose.has(b.caseId)),
    (id) => mustGet(byId, id, 'case'),
    { ...base, options, now },
  );
  const result = await store.commitAssignments(batch.filter((b) => !modes.propose.has(b.caseId)));
  for (const r of result.refused) {
    unassigned.push({
      caseId: r.caseId,
      reason: 'conflict',
      detail: `store refused: ${r.reason}${r.mediatorId ? ` (${r.mediatorId})` : ''}`,
    });
  }
  const committed = new Set([...result.committed, ...proposed.map((p) => p.caseId)]);
  const unassignedNow = unassigned.filter((u) => !committed.has(u.caseId));
  await store.markUnassigned(unassignedNow.map((u) => ({ caseId: u.caseId, reason: u.reason })));
  return {
    assigned: batch.filter((b) => committed.has(b.caseId) && !modes.propose.has(b.caseId)),
    unassigned: unassignedNow,
    quarantined,
    proposed,
    held,
    ...(kept ? { kept } : {}),
    stats: {
      cases: cases.length,
      tasks: round.dp.tasks.length,
      arcs: round.dp.candidates.length,
      rounds,
      solveMs,
      objective: round.objective,
    },
  };
}
