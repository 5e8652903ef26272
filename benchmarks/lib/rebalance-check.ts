import type { BuiltRebalance, RebalanceSnapshot } from '../../src/planning/rebalance/build-model';
import type { RebalancePlan } from '../../src/planning/rebalance/plan';
import { STARTED_STATUSES, isPinned } from '../../src/planning/rebalance/policy';

/**
 * Independent checks of a plan against the snapshot it came from; returns the problems found
 * (empty = fine). Used by the benchmark before timing and by the tests.
 */
export function checkPlan(built: BuiltRebalance, snapshot: RebalanceSnapshot, plan: RebalancePlan): string[] {
  const problems: string[] = [];
  const cases = new Map(snapshot.cases.map((c) => [c.id, c]));
  const mediators = new Map(snapshot.mediators.map((m) => [m.id, m]));
  const loads = new Map(snapshot.loads);
  const seatsAfter = new Map(snapshot.cases.map((c) => [c.id, [...(c.assignment?.mediatorIds ?? [])]]));
  const moved = new Set<string>();
  for (const mv of plan.moves) {
    const c = cases.get(mv.caseId);
    if (!c) {
      problems.push(`move of unknown case ${mv.caseId}`);
      continue;
    }
    if (STARTED_STATUSES.includes(c.status)) problems.push(`started case ${c.id} (${c.status}) moved`);
    if (isPinned(c)) problems.push(`pinned case ${c.id} moved`);
    if (mv.from === mv.to) problems.push(`move of ${mv.seatId} goes nowhere`);
    const seats = seatsAfter.get(c.id)!;
    const i = seats.indexOf(mv.from);
    if (i < 0) problems.push(`move of ${mv.seatId} from ${mv.from}, who is not on the case`);
    else seats[i] = mv.to;
    if (!mediators.has(mv.to)) problems.push(`move of ${mv.seatId} to unknown mediator ${mv.to}`);
    loads.set(mv.from, (loads.get(mv.from) ?? 0) - 1);
    loads.set(mv.to, (loads.get(mv.to) ?? 0) + 1);
    moved.add(mv.seatId);
  }
  for (const [id, seats] of seatsAfter)
    if (new Set(seats).size !== seats.length) problems.push(`case ${id} has the same mediator on two seats`);
  for (const mv of plan.moves) {
    const load = loads.get(mv.to)!;
    const cap = mediators.get(mv.to)?.capacity ?? 0;
    if (load > cap) problems.push(`mediator ${mv.to} over capacity after the plan (${load} > ${cap})`);
  }
  const stranded = new Set(plan.stranded.map((s) => s.seatId));
  for (const seat of built.model.seats) {
    if (seat.forced && !moved.has(seat.id) && !stranded.has(seat.id))
      problems.push(`forced seat ${seat.id} (${seat.forced}) neither moved nor reported`);
  }
  const recomputed = plan.before.cost.total - plan.moves.reduce((s, m) => s + m.gain.total, 0);
  if (Math.abs(recomputed - plan.after.cost.total) > 1e-6 * Math.max(1, Math.abs(plan.after.cost.total))) {
    problems.push(`moves' gains do not add up: before − Σ gains = ${recomputed}, after = ${plan.after.cost.total}`);
  }
  return problems;
}
