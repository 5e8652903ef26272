import type { Highs, Model } from 'highs';
import type { IndexedProblem, IndexedSolution } from '../../indexed';
import { buildHighsModel, estimateHighsBytes, highsLayout, type HighsLayout } from './highs-model';
import { discardHighs, HIGHS_HEAP_MAX_BYTES, loadHighs } from './highs-runtime';
import { firstUnfillableTask, objectiveOf, tightenBound, toMinForm, type MinForm } from './min-form';

export interface HighsSolveOptions {
  /** Wall-clock limit for HiGHS, in seconds. */
  readonly timeLimitSec: number;
  /**
   * Cutoff in the problem's own sense: only answers at least this good are searched (a
   * constraint on the objective row). When nothing that good exists the answer is `time_limit`
   * with no assignment and bound = the cutoff (HiGHS proved the cutoff unbeatable, not the
   * problem infeasible).
   */
  readonly objectiveBound?: number;
  /** Chosen arc indices of a known assignment, handed to HiGHS as a MIP start. */
  readonly start?: Int32Array;
  /** Arcs (1 = fixed to zero) known to be in no solution that beats the objective bound. */
  readonly fixedToZero?: Uint8Array;
  /** Extra HiGHS options (names as in HiGHS), applied last; for experiments and benchmarks. */
  readonly highsOptions?: Readonly<Record<string, boolean | number | string>>;
  /** Refuse models whose estimated WASM heap exceeds this (the build's heap maximum is 2 GiB). @defaultValue 1.2 GiB */
  readonly maxHeapBytes?: number;
}

/** `runHighs` inside the GAP path: the limit as the path's absolute deadline (`performance.now()` ms). */
export type HighsRunOptions = Omit<HighsSolveOptions, 'timeLimitSec'> & { readonly deadlineMs: number };

const SOLVER = 'highs';
const DEFAULT_MAX_HEAP = 0.6 * HIGHS_HEAP_MAX_BYTES;
/** WASM memory never shrinks: after a solve that grew it beyond this, a fresh runtime is loaded next time. */
const KEEP_HEAP_BELOW = 512 * 1024 ** 2;

function noAnswer(p: IndexedProblem, status: 'time_limit' | 'infeasible', bound: number | null, message?: string): IndexedSolution {
  return {
    status,
    objective: null,
    bound,
    chosenArcs: new Int32Array(0),
    unfilled: Int32Array.from(p.seats),
    solver: SOLVER,
    ...(message !== undefined ? { message } : {}),
  };
}

/** Dense MIP start: x from the arcs, u from the unfilled seats, segments filled in order. */
function startVector(f: MinForm, layout: HighsLayout, chosen: Int32Array): Float64Array {
  const { p } = f;
  const x = new Float64Array(layout.numCols);
  const given = new Int32Array(p.taskIds.length);
  const load = new Float64Array(p.agentIds.length);
  for (const a of chosen) {
    x[a] = 1;
    (given[p.arcTask[a] as number] as number)++;
    (load[p.arcAgent[a] as number] as number) += p.arcLoad[a] as number;
  }
  let col = layout.numArcs;
  if (layout.firstUnfilled >= 0) for (let t = 0; t < given.length; t++) x[col++] = (p.seats[t] as number) - (given[t] as number);
  f.loadCosts.forEach((lc, i) => {
    if (!lc) return;
    const cap = p.capacity[i] as number;
    let rest = load[i] as number;
    const last = lc.length - 1;
    const widths: number[] = [];
    for (let k = 0; k < last && k < cap; k++) widths.push(Math.min(1, cap - k));
    if (cap > last) widths.push(cap - last);
    for (const w of widths) {
      const v = Math.min(w, rest);
      x[col++] = v;
      rest -= v;
    }
  });
  return x;
}

function extract(f: MinForm, colValue: Float64Array): { chosen: Int32Array; unfilled: Int32Array } {
  const { p } = f;
  const picked: number[] = [];
  const unfilled = Int32Array.from(p.seats);
  for (let a = 0; a < p.arcTask.length; a++) {
    if ((colValue[a] as number) > 0.5) {
      picked.push(a);
      (unfilled[p.arcTask[a] as number] as number)--;
    }
  }
  return { chosen: Int32Array.from(picked), unfilled };
}

/** A HiGHS answer, plus whether HiGHS proved that nothing beats the given objective bound. */
export interface HighsOutcome {
  readonly solution: IndexedSolution;
  readonly cutoffUnbeaten: boolean;
}

const plain = (solution: IndexedSolution): HighsOutcome => ({ solution, cutoffUnbeaten: false });

function runModel(highs: Highs, model: Model, f: MinForm, layout: HighsLayout, opts: HighsRunOptions, timeLimitSec: number): HighsOutcome {
  const { p } = f;
  const c = highs.constants.modelStatus;
  model.options.set({
    output_flag: false,
    time_limit: Math.max(0.001, timeLimitSec),
    mip_rel_gap: 0,
    mip_abs_gap: f.integral ? 0.999 : 1e-9,
  });
  if (opts.highsOptions) model.options.set(opts.highsOptions);
  if (opts.start) model.setSolution({ colValue: startVector(f, layout, opts.start) });
  const { modelStatus } = model.run();
  if (modelStatus === c.infeasible || modelStatus === c.unboundedOrInfeasible) {
    if (opts.objectiveBound !== undefined) {
      return {
        solution: noAnswer(p, 'time_limit', opts.objectiveBound, 'no assignment reaches the objective bound'),
        cutoffUnbeaten: true,
      };
    }
    return plain(noAnswer(p, 'infeasible', null, 'HiGHS proved the problem infeasible: seats cannot all be filled within the capacities'));
  }
  const hasPrimal = Number(model.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible;
  const dual = Number(model.info.get('mip_dual_bound'));
  const bound = Number.isFinite(dual) ? f.sign * tightenBound(f, dual) : null;
  if (modelStatus === c.optimal && hasPrimal) {
    const { chosen, unfilled } = extract(f, model.getSolution().colValue);
    const objective = objectiveOf(p, chosen, unfilled);
    return plain({ status: 'optimal', objective, bound: objective, chosenArcs: chosen, unfilled, solver: SOLVER });
  }
  const stopped = [c.timeLimit, c.interrupted, c.iterationLimit, c.solutionLimit, c.objectiveBound, c.objectiveTarget];
  if (!(stopped as number[]).includes(modelStatus)) {
    return plain(noAnswer(p, 'time_limit', bound, `HiGHS stopped with model status ${modelStatus}`));
  }
  if (!hasPrimal) return plain(noAnswer(p, 'time_limit', bound, 'time limit reached before any feasible assignment was found'));
  const { chosen, unfilled } = extract(f, model.getSolution().colValue);
  const objective = objectiveOf(p, chosen, unfilled);
  return plain({ status: 'feasible', objective, bound, chosenArcs: chosen, unfilled, solver: SOLVER, message: 'time limit reached' });
}

/**
 * Solves any v1 problem exactly with HiGHS (WebAssembly) as a MIP of the full semantics (see
 * highs-model.ts). Outcomes are data: `optimal`, `feasible` (limit hit with an incumbent, bound =
 * the MIP dual bound), `time_limit` (no incumbent), `infeasible`. Models estimated to overflow
 * the WASM heap are refused with a message instead of being attempted.
 */
export async function solveWithHighs(p: IndexedProblem, opts: HighsSolveOptions): Promise<IndexedSolution> {
  return (await runHighs(toMinForm(p), { ...opts, deadlineMs: performance.now() + opts.timeLimitSec * 1000 })).solution;
}

/** solveWithHighs on a problem already in min form, telling apart "cutoff unbeaten". */
export async function runHighs(f: MinForm, opts: HighsRunOptions): Promise<HighsOutcome> {
  // HiGHS takes seconds; fixed here, before loading and building, as the limit always was.
  const timeLimitSec = (opts.deadlineMs - performance.now()) / 1000;
  const { p } = f;
  const stuck = firstUnfillableTask(f);
  if (stuck >= 0) return plain(noAnswer(p, 'infeasible', null, `task ${p.taskIds[stuck]} has fewer usable agents than seats`));
  const layout = highsLayout(f, opts.objectiveBound !== undefined);
  const need = estimateHighsBytes(layout);
  const ceiling = opts.maxHeapBytes ?? DEFAULT_MAX_HEAP;
  if (need > ceiling) {
    return plain(
      noAnswer(
        p,
        'time_limit',
        null,
        `model too large for HiGHS in WebAssembly: ${layout.numCols} columns, ${layout.nonzeros} nonzeros, ` +
          `estimated ${Math.round(need / 2 ** 20)} MiB > ${Math.round(ceiling / 2 ** 20)} MiB ceiling`,
      ),
    );
  }
  let highs: Highs;
  try {
    highs = await loadHighs();
  } catch (err) {
    return plain(noAnswer(p, 'time_limit', null, `HiGHS could not be loaded: ${(err as Error).message}`));
  }
  let model: Model | null = null;
  try {
    const cutoff = opts.objectiveBound === undefined ? undefined : f.sign * opts.objectiveBound;
    const data = buildHighsModel(f, layout, highs.infinity, cutoff);
    if (opts.fixedToZero) {
      const upper = data.colUpper as Float64Array;
      opts.fixedToZero.forEach((fixed, a) => {
        if (fixed) upper[a] = 0;
      });
    }
    model = highs.createModel(data);
    return runModel(highs, model, f, layout, opts, timeLimitSec);
  } catch (err) {
    // A WASM abort leaves the instance unusable: load a fresh one next time.
    discardHighs();
    return plain(noAnswer(p, 'time_limit', null, `HiGHS failed: ${(err as Error).message}`));
  } finally {
    try {
      model?.dispose();
      if (highs.memoryBytes > KEEP_HEAP_BELOW) discardHighs();
    } catch {
      // The instance may already be broken; it has been discarded above.
    }
  }
}
