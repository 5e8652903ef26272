import { z } from 'zod';
import type { IndexedProblem } from './indexed';
import { ProblemValidationError, SenseSchema, type Problem } from './problem';

/**
 * The columnar form of the v1 problem: the same fields, one array per field instead of one object
 * per task, agent and arc, and arcs naming their task and agent by index (0-based) into
 * `tasks.id` and `agents.id`. A province (4 M arcs) is ~1/3 of the v1 text and is read straight
 * into the solvers' typed arrays: no object per arc is ever built.
 *
 * ```json
 * { "format": "tiaojie.problem.columnar/1",
 *   "tasks":  { "id": ["c1", "c2"], "seats": [1, 2] },
 *   "agents": { "id": ["m1", "m2", "m3"], "capacity": [3, 2, 1], "loadCosts": [null, [0, 2], null] },
 *   "arcs":   { "task": [0, 1, 1], "agent": [0, 1, 2], "cost": [4.5, 2, 7], "load": [1, 1, 1] },
 *   "sense": "min", "unassignedCost": 1000 }
 * ```
 */
export const COLUMNAR_FORMAT = 'tiaojie.problem.columnar/1';

/** Issues reported at most (a bad 4 M-arc column would otherwise list millions). */
const MAX_ISSUES = 20;

/** A column: a JSON array, or a Float64Array where the reader gave one (see `parseJsonBytes`). */
type Column = readonly unknown[] | Float64Array;
const isColumn = (v: unknown): v is Column => Array.isArray(v) || v instanceof Float64Array;
const anyArray = z.custom<Column>(isColumn, 'must be an array');

/** The skeleton; the columns' elements are checked by hand below (zod per element would cost seconds on a province). */
const ColumnarSkeleton = z.strictObject({
  format: z.literal(COLUMNAR_FORMAT),
  tasks: z.strictObject({ id: anyArray, seats: anyArray.optional() }),
  agents: z.strictObject({ id: anyArray, capacity: anyArray, loadCosts: anyArray.optional() }),
  arcs: z.strictObject({ task: anyArray, agent: anyArray, cost: anyArray, load: anyArray.optional() }),
  /** @defaultValue "min" */
  sense: SenseSchema.default('min'),
  /** Cost per unfilled seat; absent means every seat must be filled. */
  unassignedCost: z.number().finite().optional(),
});

/** The columnar problem as JSON carries it (every column a plain array). */
export interface ColumnarProblem {
  readonly format: typeof COLUMNAR_FORMAT;
  readonly tasks: { readonly id: readonly string[]; readonly seats?: readonly number[] };
  readonly agents: {
    readonly id: readonly string[];
    readonly capacity: readonly number[];
    readonly loadCosts?: readonly (readonly number[] | null)[];
  };
  readonly arcs: {
    readonly task: readonly number[];
    readonly agent: readonly number[];
    readonly cost: readonly number[];
    readonly load?: readonly number[];
  };
  readonly sense?: 'min' | 'max';
  readonly unassignedCost?: number;
}

/** True when the input says it is the columnar form (it may still be invalid). */
export function isColumnar(input: unknown): boolean {
  return typeof input === 'object' && input !== null && 'format' in input;
}

class Issues {
  readonly list: { path: string; message: string }[] = [];
  add(path: string, message: string): void {
    if (this.list.length < MAX_ISSUES) this.list.push({ path, message });
  }
  get full(): boolean {
    return this.list.length >= MAX_ISSUES;
  }
}

/** Checks a column's length against the one it must match. */
function sameLength(issues: Issues, path: string, values: Column, n: number, of: string): boolean {
  if (values.length === n) return true;
  issues.add(path, `has ${values.length} entries but ${of} has ${n}`);
  return false;
}

/** What a numeric column's entries must be: any finite number, ≥ 0, a seat count, or an index below `bound`. */
type Rule = { readonly kind: 'finite' | 'nonNegative' | 'seats' } | { readonly kind: 'index'; readonly bound: number; readonly of: string };
const FINITE: Rule = { kind: 'finite' };
const NON_NEGATIVE: Rule = { kind: 'nonNegative' };
const SEATS: Rule = { kind: 'seats' };

function breaks(rule: Rule, v: number): string | null {
  if (!Number.isFinite(v)) return 'must be a finite number';
  switch (rule.kind) {
    case 'finite':
      return null;
    case 'nonNegative':
      return v >= 0 ? null : 'must be >= 0';
    case 'seats':
      return Number.isInteger(v) && v >= 1 ? null : 'must be an integer >= 1';
    case 'index':
      return Number.isInteger(v) && v >= 0 && v < rule.bound ? null : `must be an index into ${rule.of} (an integer 0..${rule.bound - 1})`;
  }
}

/** One tight pass over a typed column (a province's 4 M entries): true when every entry keeps the rule. */
function allKeep(values: Float64Array, rule: Rule): boolean {
  const bound = rule.kind === 'index' ? rule.bound : Infinity;
  const low = rule.kind === 'finite' ? -Infinity : rule.kind === 'seats' ? 1 : 0;
  const integer = rule.kind === 'index' || rule.kind === 'seats';
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    // NaN fails every comparison; ±Infinity fails v - v === 0.
    if (!(v - v === 0 && v >= low && v < bound) || (integer && Math.floor(v) !== v)) return false;
  }
  return true;
}

/** Copies a numeric column into `out`, reporting each bad entry by index. */
function numbers<T extends Float64Array | Int32Array>(issues: Issues, path: string, values: Column, out: T, rule: Rule): T {
  if (values instanceof Float64Array && allKeep(values, rule)) {
    out.set(values);
    return out;
  }
  for (let i = 0; i < values.length && !issues.full; i++) {
    const v: unknown = values[i];
    const why = typeof v !== 'number' ? 'must be a finite number' : breaks(rule, v);
    if (why !== null) issues.add(`${path}[${i}]`, why);
    else out[i] = v as number;
  }
  return out;
}

function ids(issues: Issues, path: string, values: Column): string[] {
  if (!Array.isArray(values)) {
    issues.add(`${path}[0]`, 'must be a non-empty string');
    return [];
  }
  const seen = new Set<string>();
  values.forEach((v: unknown, i) => {
    if (typeof v !== 'string' || v.length === 0) issues.add(`${path}[${i}]`, 'must be a non-empty string');
    else if (seen.has(v)) issues.add(`${path}[${i}]`, `duplicate id "${v}"`);
    else seen.add(v);
  });
  return values as string[];
}

function loadCostColumn(issues: Issues, values: Column | undefined, agents: number, sense: 'min' | 'max'): (Float64Array | null)[] {
  if (values === undefined) return new Array<null>(agents).fill(null);
  if (!sameLength(issues, 'agents.loadCosts', values, agents, 'agents.id')) return [];
  return Array.from(values, (lc: unknown, a) => {
    if (lc === null) return null;
    const path = `agents.loadCosts[${a}]`;
    if (!isColumn(lc) || lc.length === 0) {
      issues.add(path, 'must be null or a non-empty array of numbers');
      return null;
    }
    const out = numbers(issues, path, lc, new Float64Array(lc.length), FINITE);
    for (let k = 1; k < out.length; k++) {
      if (sense === 'min' ? out[k]! < out[k - 1]! : out[k]! > out[k - 1]!) {
        issues.add(`${path}[${k}]`, `loadCosts must be ${sense === 'min' ? 'non-decreasing' : 'non-increasing (sense "max")'}`);
        break;
      }
    }
    return out;
  });
}

/** The first arc that repeats a (task, agent) pair, found with one stamp per agent (no object per arc). */
function duplicateArcs(issues: Issues, arcTask: Int32Array, arcAgent: Int32Array, tasks: number, agents: number): void {
  const start = new Int32Array(tasks + 1);
  for (let e = 0; e < arcTask.length; e++) start[arcTask[e]! + 1]!++;
  for (let t = 0; t < tasks; t++) start[t + 1]! += start[t]!;
  const order = new Int32Array(arcTask.length);
  const fill = start.slice(0, tasks);
  for (let e = 0; e < arcTask.length; e++) order[fill[arcTask[e]!]!++] = e;
  const stamp = new Int32Array(agents).fill(-1);
  for (let t = 0; t < tasks && !issues.full; t++) {
    for (let j = start[t]!; j < start[t + 1]!; j++) {
      const e = order[j]!;
      const a = arcAgent[e]!;
      if (stamp[a] === t) issues.add(`arcs[${e}]`, `duplicate arc for task ${t} and agent ${a}`);
      stamp[a] = t;
    }
  }
}

/**
 * Validates a columnar problem and returns it in index form, ready for `solveIndexed`. Throws
 * ProblemValidationError naming the field and index of each problem found (the first 20).
 */
export function parseColumnarProblem(input: unknown): IndexedProblem {
  const skeleton = ColumnarSkeleton.safeParse(input);
  if (!skeleton.success) {
    throw new ProblemValidationError(
      skeleton.error.issues.map((i) => ({ path: i.path.length ? i.path.join('.') : '(root)', message: i.message })),
    );
  }
  const { tasks, agents, arcs, sense, unassignedCost } = skeleton.data;
  const issues = new Issues();
  const T = tasks.id.length;
  const A = agents.id.length;
  const M = arcs.task.length;
  const taskIds = ids(issues, 'tasks.id', tasks.id);
  const agentIds = ids(issues, 'agents.id', agents.id);
  const seats = new Int32Array(T).fill(1);
  if (tasks.seats && sameLength(issues, 'tasks.seats', tasks.seats, T, 'tasks.id'))
    numbers(issues, 'tasks.seats', tasks.seats, seats, SEATS);
  const capacity = new Float64Array(A);
  if (sameLength(issues, 'agents.capacity', agents.capacity, A, 'agents.id'))
    numbers(issues, 'agents.capacity', agents.capacity, capacity, NON_NEGATIVE);
  const loadCosts = loadCostColumn(issues, agents.loadCosts, A, sense);
  const arcTask = numbers(issues, 'arcs.task', arcs.task, new Int32Array(M), { kind: 'index', bound: T, of: 'tasks.id' });
  const arcAgent = new Int32Array(M);
  const arcCost = new Float64Array(M);
  const arcLoad = new Float64Array(M).fill(1);
  if (sameLength(issues, 'arcs.agent', arcs.agent, M, 'arcs.task'))
    numbers(issues, 'arcs.agent', arcs.agent, arcAgent, { kind: 'index', bound: A, of: 'agents.id' });
  if (sameLength(issues, 'arcs.cost', arcs.cost, M, 'arcs.task')) numbers(issues, 'arcs.cost', arcs.cost, arcCost, FINITE);
  if (arcs.load && sameLength(issues, 'arcs.load', arcs.load, M, 'arcs.task'))
    numbers(issues, 'arcs.load', arcs.load, arcLoad, NON_NEGATIVE);
  if (issues.list.length === 0) duplicateArcs(issues, arcTask, arcAgent, T, A);
  if (issues.list.length > 0) throw new ProblemValidationError(issues.list);
  // As `indexProblem`: capacity beyond the load the arcs could bring is never used.
  const reachable = new Float64Array(A);
  for (let e = 0; e < M; e++) reachable[arcAgent[e]!]! += arcLoad[e]!;
  for (let a = 0; a < A; a++) capacity[a] = Math.min(capacity[a]!, reachable[a]!);
  return {
    taskIds,
    seats,
    agentIds,
    capacity,
    loadCosts,
    arcTask,
    arcAgent,
    arcCost,
    arcLoad,
    sense,
    unassignedCost: unassignedCost ?? null,
  };
}

/** The columnar form of a validated v1 problem (the same problem, field for field). */
export function toColumnar(p: Problem): ColumnarProblem {
  const taskIndex = new Map(p.tasks.map((t, i) => [t.id, i]));
  const agentIndex = new Map(p.agents.map((a, i) => [a.id, i]));
  return {
    format: COLUMNAR_FORMAT,
    tasks: { id: p.tasks.map((t) => t.id), seats: p.tasks.map((t) => t.seats) },
    agents: {
      id: p.agents.map((a) => a.id),
      capacity: p.agents.map((a) => a.capacity),
      ...(p.agents.some((a) => a.loadCosts) ? { loadCosts: p.agents.map((a) => a.loadCosts ?? null) } : {}),
    },
    arcs: {
      task: p.arcs.map((a) => taskIndex.get(a.task)!),
      agent: p.arcs.map((a) => agentIndex.get(a.agent)!),
      cost: p.arcs.map((a) => a.cost),
      load: p.arcs.map((a) => a.load),
    },
    sense: p.sense,
    ...(p.unassignedCost !== undefined ? { unassignedCost: p.unassignedCost } : {}),
  };
}
