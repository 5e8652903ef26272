import type { Assignment, Case } from '../../domain';
import { omit } from '../../domain/omit';

/** One seat reassignment as the store applies it. */
export interface SeatMove {
  readonly caseId: string;
  readonly role: string;
  readonly from: string;
  readonly to: string;
}

/**
 * A case's assignment after its seats' moves: the mediator replaced on each moved seat (by role,
 * else by the old mediator), the rest unchanged; null when a move does not fit the assignment
 * (the case changed since the snapshot).
 */
export function reassigned(assignment: Assignment, moves: readonly SeatMove[], at: string): Assignment | null {
  const ids = [...assignment.mediatorIds];
  const seats = assignment.seats.map((s) => ({ ...s }));
  for (const mv of moves) {
    let i = seats.findIndex((s) => s.role === mv.role && s.mediatorId === mv.from);
    if (i < 0) i = ids.indexOf(mv.from);
    if (i < 0 || ids[i] !== mv.from) return null;
    ids[i] = mv.to;
    const current = seats[i];
    // The old seat's explanation was about the mediator who left.
    if (current) seats[i] = { ...omit(current, 'explanation'), mediatorId: mv.to };
  }
  if (new Set(ids).size !== ids.length) return null;
  return { ...assignment, mediatorIds: ids, seats, assignedAt: at, by: 'optimizer' };
}

/** Groups moves by case, keeping their order. */
export function movesByCase<M extends SeatMove>(moves: readonly M[]): Map<string, M[]> {
  const out = new Map<string, M[]>();
  for (const m of moves) {
    const list = out.get(m.caseId);
    if (list) list.push(m);
    else out.set(m.caseId, [m]);
  }
  return out;
}

/** Applies moves to a list of cases and their loads (pure; for in-memory stores and simulations). */
export function applyMovesToCaseload(
  cases: readonly Case[],
  loads: ReadonlyMap<string, number>,
  moves: readonly SeatMove[],
  at: string,
): { cases: Case[]; loads: Map<string, number>; applied: string[] } {
  const grouped = movesByCase(moves);
  const nextLoads = new Map(loads);
  const applied: string[] = [];
  const next = cases.map((c) => {
    const mv = grouped.get(c.id);
    if (!mv || !c.assignment) return c;
    const a = reassigned(c.assignment, mv, at);
    if (!a) return c;
    for (const m of mv) {
      nextLoads.set(m.from, (nextLoads.get(m.from) ?? 0) - 1);
      nextLoads.set(m.to, (nextLoads.get(m.to) ?? 0) + 1);
    }
    applied.push(c.id);
    return { ...c, assignment: a };
  });
  return { cases: next, loads: nextLoads, applied };
}
