/**
 * Nightly rebalance benchmark (`npm run bench:rebalance`, or build and run
 * `node dist/benchmarks/rebalance-bench.js [--seed N] [--open N] [--penalty X] [--json]`).
 *
 * A simulated county carries 2,000 open cases after a day of drift (leave from tomorrow, early
 * settlements, urgent referrals piled on the nearest mediators). The same run compares the
 * stability-aware rebalance with a full re-solve that ignores stability: solve time, moves and cost
 * gained. Targets: rebalance solve ≤ 100 ms; gain ≥ 90% of the full re-solve's with ≤ 20% of its moves.
 * Moves that must happen (leave, deadline) are owed by both plans, so gains are measured against
 * the plan that makes only those, and moves compared are the discretionary ones; the gross
 * figures (against the caseload as it stands) are printed too.
 * Both plans are checked before they are timed: capacity respected, pinned/started cases unmoved,
 * every forced seat moved or reported stranded, and the gain recomputed from the moves.
 *
 * The full re-solve breaks ties toward the current mediator (a move that gains nothing is not a
 * re-optimisation); the same re-solve with ties broken anyhow is printed for comparison. Then the
 * frontier of gain against moves (one penalty for every move; each point exact for its move count),
 * the duality bounds it gives for the target (the most any plan can gain within 20% of the moves,
 * the fewest moves any plan needs for 90% of the gain), and the rebalance held to a budget of 20%
 * of the full re-solve's moves by searching its penalty.
 */
import os from 'node:os';
import { buildRebalanceModel } from '../src/planning/rebalance/build-model';
import type { RebalanceModel, RebalanceOptions } from '../src/planning/rebalance/model';
import { planRebalance } from '../src/planning/rebalance/plan-rebalance';
import { planWithinMoveBudget } from '../src/planning/rebalance/move-budget';
import { DEFAULT_STABILITY_POLICY, mobilityOf, type StabilityPolicy } from '../src/planning/rebalance/policy';
import type { RebalancePlan } from '../src/planning/rebalance/plan';
import { checkPlan } from './lib/rebalance-check';
import { frontier, gainUpperBound, movesLowerBound } from './lib/rebalance-frontier';
import { DEFAULT_DRIFT, FULL_RESOLVE, driftedCounty } from './lib/rebalance-scenario';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const TARGET_SOLVE_MS = 100;
const TARGET_GAIN_SHARE = 0.9;
const TARGET_MOVE_SHARE = 0.2;
const REPEATS = 5;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface Timed {
  readonly plan: RebalancePlan;
  readonly solveMs: number;
  /** CPU time (user + system) of one whole planRebalance, median of the repeats: not inflated by other processes' load. */
  readonly cpuMs: number;
}

async function timed(model: RebalanceModel, options: RebalanceOptions): Promise<Timed> {
  const solves: number[] = [];
  const cpu: number[] = [];
  let plan: RebalancePlan | undefined;
  for (let i = 0; i < REPEATS; i++) {
    const c0 = process.cpuUsage();
    plan = await planRebalance(model, options);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    solves.push(plan.solveMs);
  }
  return { plan: plan!, solveMs: median(solves), cpuMs: median(cpu) };
}

/** The same model with other move penalties (for the sweep). */
function withPenalties(model: RebalanceModel, policy: StabilityPolicy, move: number, accepted: number): RebalanceModel {
  return { ...model, seats: model.seats.map((s) => ({ ...s, penalty: s.penalty === policy.acceptedMovePenalty ? accepted : move })) };
}

async function main(): Promise<void> {
  const seed = Number(flag('seed') ?? 20240320);
  const open = Number(flag('open') ?? DEFAULT_DRIFT.openCases);
  const penalty = flag('penalty') ? Number(flag('penalty')) : undefined;
  const policy: StabilityPolicy = {
    ...DEFAULT_STABILITY_POLICY,
    ...(penalty !== undefined ? { movePenalty: penalty, acceptedMovePenalty: 3 * penalty } : {}),
  };
  const cap = flag('cap') ? Number(flag('cap')) : undefined;
  const t0 = performance.now();
  // The county was at its optimum last night; tonight's rebalance meets one day of drift.
  const scenario = await driftedCounty(seed, { ...DEFAULT_DRIFT, openCases: open }, FULL_RESOLVE);
  const simMs = performance.now() - t0;
  const { snapshot, now, county } = scenario;
  const b0 = performance.now();
  const built = buildRebalanceModel({ ...snapshot, config: county.config, policy, now });
  const buildMs = performance.now() - b0;

  const stable = await timed(built.model, cap !== undefined ? { maxMovesPerMediator: cap } : {});
  const full = await timed(built.model, { ignoreStability: true });
  const churn = await planRebalance(built.model, { ignoreStability: true, tiePenalty: 0 });
  const forcedOnly = (await timed(built.model, { forcedOnly: true })).plan;
  const budget = Math.floor(TARGET_MOVE_SHARE * full.plan.movesByReason.gain);
  const budgeted = await planWithinMoveBudget(built.model, budget, cap !== undefined ? { maxMovesPerMediator: cap } : {});
  const checked = [
    ['rebalance', stable.plan],
    ['full re-solve', full.plan],
    ['full re-solve, ties anyhow', churn],
    ['forced moves only', forcedOnly],
    ['move budget', budgeted.plan],
  ] as const;
  for (const [name, p] of checked) {
    const problems = checkPlan(built, snapshot, p);
    if (p.status !== 'optimal' || problems.length > 0) {
      console.error(`${name}: refusing to time an unchecked plan (${p.status}): ${problems.slice(0, 5).join('; ')}`);
      process.exit(1);
    }
  }

  const movable = snapshot.cases.filter((c) => mobilityOf(c, policy).kind === 'movable').length;
  const s = stable.plan;
  const f = full.plan;
  // Forced moves are owed by both; what re-optimisation earns is measured beyond them.
  const base = forcedOnly.after.cost.total;
  const gainS = base - s.after.cost.total;
  const gainF = base - f.after.cost.total;
  const gainShare = gainF > 0 ? gainS / gainF : 1;
  const moveShare = f.movesByReason.gain > 0 ? s.movesByReason.gain / f.movesByReason.gain : 0;
  const rows: [string, string, string][] = [
    ['solve time (median of 5), ms', stable.solveMs.toFixed(1), full.solveMs.toFixed(1)],
    ['CPU time of planRebalance (median of 5), ms', stable.cpuMs.toFixed(1), full.cpuMs.toFixed(1)],
    ['moves (all)', String(s.moves.length), String(f.moves.length)],
    [
      '  forced (leave / deadline / ineligible)',
      `${s.movesByReason.leave} / ${s.movesByReason.deadline} / ${s.movesByReason.ineligible}`,
      `${f.movesByReason.leave} / ${f.movesByReason.deadline} / ${f.movesByReason.ineligible}`,
    ],
    ['  discretionary', String(s.movesByReason.gain), String(f.movesByReason.gain)],
    ['cost before', s.before.cost.total.toFixed(1), f.before.cost.total.toFixed(1)],
    ['cost after', s.after.cost.total.toFixed(1), f.after.cost.total.toFixed(1)],
    ['gain vs before (forced moves included)', s.gain.toFixed(1), f.gain.toFixed(1)],
    ['gain vs forced moves only', gainS.toFixed(1), gainF.toFixed(1)],
    ['penalties paid', s.penalties.toFixed(1), '0'],
    ['load spread (max−min utilisation) after', s.after.spread.spread.toFixed(3), f.after.spread.spread.toFixed(3)],
    ['utilisation stdev after', s.after.spread.stdev.toFixed(4), f.after.spread.stdev.toFixed(4)],
    ['stranded seats', String(s.stranded.length), String(f.stranded.length)],
  ];
  console.log(
    `Rebalance benchmark — seed ${seed}, ${county.mediators.length} mediators, ${snapshot.cases.length} open cases referred over ${scenario.days} simulated days (sim ${(simMs / 1000).toFixed(1)} s)`,
  );
  console.log(
    `drift of one day after last night's full re-solve: ${scenario.leaving} mediators on leave from tomorrow, ${DEFAULT_DRIFT.earlySettlements} early settlements, ${scenario.urgent} urgent referrals on the nearest mediator`,
  );
  console.log(
    `movable: ${movable} cases (${s.seats} seats, ${built.model.arcSeat.length} arcs; model built in ${buildMs.toFixed(0)} ms); penalty ${policy.movePenalty} (accepted ${policy.acceptedMovePenalty})${cap !== undefined ? `, cap ${cap}/mediator` : ''}`,
  );
  console.log(
    `forced moves only (baseline of the gains): ${forcedOnly.moves.length} moves, cost ${base.toFixed(1)}; load spread before ${s.before.spread.spread.toFixed(3)} (stdev ${s.before.spread.stdev.toFixed(4)})\n`,
  );
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(`${''.padEnd(w)}  ${'rebalance'.padStart(12)}  ${'full re-solve'.padStart(14)}`);
  for (const [k, a, bb] of rows) console.log(`${k.padEnd(w)}  ${a.padStart(12)}  ${bb.padStart(14)}`);

  const gainC = base - churn.after.cost.total;
  console.log(
    `\nfull re-solve with ties broken anyhow (move penalty 0): ${churn.movesByReason.gain} discretionary moves for a gain of ${gainC.toFixed(3)} — ${churn.movesByReason.gain - f.movesByReason.gain} of them gain nothing (with ties to the current mediator: ${f.movesByReason.gain} moves, gain ${gainF.toFixed(3)})`,
  );

  console.log('\nfrontier — one penalty λ on every move (accepted or not), exact for its own move count:');
  const points = await frontier(built.model, base, [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1, 1.5, 2, 3, 4]);
  for (const p of points) {
    console.log(
      `  λ ${String(p.penalty).padStart(4)}  moves ${String(p.moves).padStart(4)} (${((100 * p.moves) / Math.max(1, f.movesByReason.gain)).toFixed(0).padStart(3)}%)  gain ${p.gain.toFixed(1).padStart(7)} (${((100 * p.gain) / gainF).toFixed(1).padStart(5)}%)`,
    );
  }
  const ub = gainUpperBound(points, budget);
  const lb = Math.ceil(movesLowerBound(points, TARGET_GAIN_SHARE * gainF) - 1e-9);
  console.log(
    `  no plan with ≤ ${budget} discretionary moves (${100 * TARGET_MOVE_SHARE}%) gains more than ${ub.toFixed(1)} (${((100 * ub) / gainF).toFixed(1)}%)`,
  );
  console.log(
    `  no plan gains ${100 * TARGET_GAIN_SHARE}% with fewer than ${lb} discretionary moves (${((100 * lb) / Math.max(1, f.movesByReason.gain)).toFixed(1)}%)`,
  );
  const gainB = base - budgeted.plan.after.cost.total;
  console.log(
    `\nrebalance held to ${budget} discretionary moves (policy penalties + ${budgeted.extraPenalty.toFixed(3)}, ${budgeted.solves} solves): ${budgeted.plan.movesByReason.gain} moves, gain ${gainB.toFixed(1)} (${((100 * gainB) / gainF).toFixed(1)}%)`,
  );

  console.log('\npenalty sweep (move / accepted): discretionary moves and gain as shares of the full re-solve');
  for (const p of [0.25, 0.5, 1, 1.5, 2, 4]) {
    const plan = await planRebalance(withPenalties(built.model, policy, p, 3 * p));
    const g = base - plan.after.cost.total;
    console.log(
      `  ${String(p).padStart(4)} / ${String(3 * p).padEnd(5)} moves ${String(plan.movesByReason.gain).padStart(4)} (${((100 * plan.movesByReason.gain) / Math.max(1, f.movesByReason.gain)).toFixed(0).padStart(3)}%)  gain ${g.toFixed(1).padStart(7)} (${((100 * g) / gainF).toFixed(0).padStart(3)}%)  solve ${plan.solveMs.toFixed(0)} ms`,
    );
  }
  console.log('');
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log(
    `solve time ${stable.solveMs.toFixed(1)} ms wall, ${stable.cpuMs.toFixed(1)} ms CPU (target ≤ ${TARGET_SOLVE_MS}): ${verdict(stable.solveMs <= TARGET_SOLVE_MS)} (wall), ${verdict(stable.cpuMs <= TARGET_SOLVE_MS)} (CPU); load ${os.loadavg()[0]!.toFixed(2)}`,
  );
  console.log(
    `gain share ${(100 * gainShare).toFixed(1)}% of the full re-solve's (target ≥ ${100 * TARGET_GAIN_SHARE}%): ${verdict(gainShare >= TARGET_GAIN_SHARE)}`,
  );
  console.log(
    `move share ${(100 * moveShare).toFixed(1)}% of the full re-solve's (target ≤ ${100 * TARGET_MOVE_SHARE}%): ${verdict(moveShare <= TARGET_MOVE_SHARE)}`,
  );
  if (process.argv.includes('--json')) {
    console.log(
      JSON.stringify({
        seed,
        open: snapshot.cases.length,
        rebalance: { solveMs: stable.solveMs, moves: s.moves.length, discretionary: s.movesByReason.gain, gain: gainS },
        full: {
          solveMs: full.solveMs,
          moves: f.moves.length,
          discretionary: f.movesByReason.gain,
          gain: gainF,
          discretionaryTiesAnyhow: churn.movesByReason.gain,
        },
        budget: { moves: budgeted.plan.movesByReason.gain, gain: gainB, extraPenalty: budgeted.extraPenalty },
        bounds: { gainWithin20PercentMoves: ub, movesFor90PercentGain: lb },
        frontier: points,
        gainShare,
        moveShare,
      }),
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
