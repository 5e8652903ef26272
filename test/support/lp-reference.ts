import solver from 'javascript-lp-solver';
import type { IndexedProblem, IndexedSolution } from '../../src/engine/indexed';
import { fitsAgent, firstUnfillableTask, objectiveOf, toMinForm } from '../../src/engine/solvers/mip/min-form';

type Coefficients = Record<string, number>;

/**
 * The independent reference: the v1 problem as a MIP for javascript-lp-solver (the customer's
 * LP package), written from the problem statement and sharing no model code with the HiGHS path.
 * Binary x per usable arc, integer u per task (unfilled seats) when unassignedCost is given,
 * continuous unit-width load segments per agent with loadCosts. Exact but slow: for small
 * instances (tests, cross-checks), not production sizes.
 */
export function solveWithLpSolver(p: IndexedProblem): IndexedSolution {
  const f = toMinForm(p);
  const fail = (message: string): IndexedSolution => ({
    status: 'infeasible',
    objective: null,
    bound: null,
    chosenArcs: new Int32Array(0),
    unfilled: Int32Array.from(p.seats),
    solver: 'javascript-lp-solver',
    message,
  });
  if (firstUnfillableTask(f) >= 0) return fail('a task has fewer usable agents than seats');
  const variables: Record<string, Coefficients> = {};
  const constraints: Record<string, { equal?: number; max?: number }> = {};
  const binaries: Record<string, 1> = {};
  const ints: Record<string, 1> = {};
  p.seats.forEach((s, t) => (constraints[`task${t}`] = { equal: s }));
  p.capacity.forEach((cap, i) => (constraints[`agent${i}`] = f.loadCosts[i] ? { equal: 0 } : { max: cap }));
  for (let a = 0; a < p.arcTask.length; a++) {
    if (!fitsAgent(p, a)) continue;
    variables[`x${a}`] = { cost: f.cost[a]!, [`task${p.arcTask[a]}`]: 1 };
    if (p.arcLoad[a] !== 0) variables[`x${a}`]![`agent${p.arcAgent[a]}`] = p.arcLoad[a]!;
    binaries[`x${a}`] = 1;
  }
  if (f.unassigned !== null) {
    p.seats.forEach((_, t) => {
      variables[`u${t}`] = { cost: f.unassigned!, [`task${t}`]: 1 };
      ints[`u${t}`] = 1;
    });
  }
  f.loadCosts.forEach((lc, i) => {
    if (!lc) return;
    const cap = p.capacity[i]!;
    const last = lc.length - 1;
    const add = (k: number, unitCost: number, width: number): void => {
      constraints[`seg${i}_${k}`] = { max: width };
      variables[`s${i}_${k}`] = { cost: unitCost, [`agent${i}`]: -1, [`seg${i}_${k}`]: 1 };
    };
    for (let k = 0; k < last && k < cap; k++) add(k, lc[k]!, Math.min(1, cap - k));
    if (cap > last) add(last, lc[last]!, cap - last);
  });
  // The package mishandles constraints without any nonzero term (it reports infeasible): drop
  // them; a task row left empty was already caught by firstUnfillableTask.
  const used = new Set<string>();
  for (const coeffs of Object.values(variables)) for (const name of Object.keys(coeffs)) used.add(name);
  for (const name of Object.keys(constraints)) if (!used.has(name)) delete constraints[name];
  const result = solver.Solve({ optimize: 'cost', opType: 'min', constraints, variables, binaries, ints }) as Record<string, unknown>;
  if (!result['feasible']) return fail('javascript-lp-solver found no feasible assignment');
  const picked: number[] = [];
  const unfilled = Int32Array.from(p.seats);
  for (const [name, value] of Object.entries(result)) {
    if (name.startsWith('x') && typeof value === 'number' && value > 0.5) {
      const a = Number(name.slice(1));
      picked.push(a);
      unfilled[p.arcTask[a]!]!--;
    }
  }
  const chosenArcs = Int32Array.from(picked.sort((x, y) => x - y));
  const objective = objectiveOf(p, chosenArcs, unfilled);
  return { status: 'optimal', objective, bound: objective, chosenArcs, unfilled, solver: 'javascript-lp-solver' };
}
