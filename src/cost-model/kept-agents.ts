import type { Case, Mediator } from '../domain';
import type { Agent } from '../engine/problem';
import type { ReservationPlan } from './reservations';

/**
 * Kept seats in the problem (issue 20). A mediator who keeps r of their f free seats for a class
 * becomes two agents: the mediator (the first f − r seats, open to every case) and `<id>~kept`
 * (the last r seats, with the arcs of the protected class only). The load schedule is split the
 * same way, so a protected case takes a kept seat only once the open ones are gone, and no other
 * case can reach it: the reservation holds inside one solve, not only between solves.
 */

export type KeptSeatsMap = ReservationPlan['seats'];

/** The agent id of a mediator's kept seats. */
export function keptAgentId(mediatorId: string): string {
  return `${mediatorId}~kept`;
}

/** A case of another class, when the mediator's open seats are all kept: no arc. */
export function keptOut(m: Mediator, c: Pick<Case, 'class'>, load: number, kept: KeptSeatsMap | undefined): boolean {
  const k = kept?.get(m.id);
  return k !== undefined && c.class !== k.forClass && load + k.seats >= m.capacity;
}

/** Does the case reach the mediator's kept seats? */
export function reachesKept(m: Mediator, c: Pick<Case, 'class'>, kept: KeptSeatsMap | undefined): boolean {
  const k = kept?.get(m.id);
  return k !== undefined && c.class === k.forClass;
}

/** Units of the mediator's schedule needed: every arc's seat, plus the kept seats that sit after the open ones. */
export function unitsNeeded(m: Mediator, arcs: number, kept: KeptSeatsMap | undefined): number {
  return arcs + (kept?.get(m.id)?.seats ?? 0);
}

/**
 * The agents of one mediator from their schedule over the free seats (unit 0 = the next case):
 * the open seats, and the kept ones when the mediator keeps any. Each agent gets no more units
 * than it has arcs.
 */
export function agentsOf(
  m: Mediator,
  load: number,
  schedule: readonly number[],
  arcs: { readonly open: number; readonly kept: number },
  kept: KeptSeatsMap | undefined,
): Agent[] {
  const r = Math.min(kept?.get(m.id)?.seats ?? 0, Math.max(0, m.capacity - load));
  const openUnits = Math.max(0, m.capacity - load - r);
  const open = schedule.slice(0, Math.min(openUnits, arcs.open));
  const out: Agent[] = [{ id: m.id, capacity: open.length, loadCosts: open }];
  if (r > 0 && arcs.kept > 0) {
    const tail = schedule.slice(openUnits, openUnits + Math.min(r, arcs.kept));
    out.push({ id: keptAgentId(m.id), capacity: tail.length, loadCosts: tail });
  }
  return out;
}
