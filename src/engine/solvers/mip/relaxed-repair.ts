import { repair } from './construct';
import { GapState, UNFILLED } from './gap-state';
import type { Incumbent } from './improve';
import type { Rng } from './local-search';
import type { SeatRelaxation } from './seat-relaxation';

/**
 * Lagrangian heuristic on a node's relaxed solution (fixed-in arcs plus the knapsacks'
 * choices): a task chosen by too many agents keeps its cheapest arcs, one chosen too rarely
 * takes the cheapest arcs that still fit (tasks with the fewest fitting arcs first), then
 * cheaper fitting shifts are applied until none is left. Returns a feasible assignment (min
 * form) or null when some seat finds no room and may not stay unfilled — unless `penalty` is
 * given: then the seats without room take the arc that overloads least and the penalised
 * descent of the constructive heuristic (`repair`) pushes the overload out.
 */
export function relaxedRepair(r: SeatRelaxation, penalty?: PenaltyRepair): Incumbent | null {
  const { f } = r;
  const { p, cost, taskStart, taskArcs } = f;
  const n = p.taskIds.length;
  const used = new Float64Array(p.agentIds.length);
  const inSol = new Uint8Array(p.arcTask.length);
  const have = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    const extra: number[] = [];
    for (let k = taskStart[t] as number; k < (taskStart[t + 1] as number); k++) {
      const a = taskArcs[k] as number;
      if (r.arcState[a] === 1) take(a);
      else if (r.x[a]) extra.push(a);
    }
    extra.sort((x, y) => (cost[x] as number) - (cost[y] as number));
    for (const a of extra) if ((have[t] as number) < (p.seats[t] as number)) take(a);
  }
  function take(a: number): void {
    inSol[a] = 1;
    (have[p.arcTask[a] as number] as number)++;
    (used[p.arcAgent[a] as number] as number) += p.arcLoad[a] as number;
  }
  const fits = (a: number): boolean =>
    !inSol[a] &&
    (used[p.arcAgent[a] as number] as number) + (p.arcLoad[a] as number) <= (p.capacity[p.arcAgent[a] as number] as number) + 1e-9;
  const short: number[] = [];
  for (let t = 0; t < n; t++) if ((have[t] as number) < (p.seats[t] as number)) short.push(t);
  const fitting = (t: number): number => {
    let c = 0;
    for (let k = taskStart[t] as number; k < (taskStart[t + 1] as number); k++) if (fits(taskArcs[k] as number)) c++;
    return c;
  };
  short.sort((x, y) => fitting(x) - fitting(y));
  for (const t of short) {
    while ((have[t] as number) < (p.seats[t] as number)) {
      let pick = -1;
      for (let k = taskStart[t] as number; k < (taskStart[t + 1] as number); k++) {
        const a = taskArcs[k] as number;
        if (fits(a) && (pick < 0 || (cost[a] as number) < (cost[pick] as number))) pick = a;
      }
      if (pick < 0 || (f.unassigned !== null && (cost[pick] as number) >= f.unassigned)) break;
      take(pick);
    }
    if ((have[t] as number) < (p.seats[t] as number) && f.unassigned === null) return penalty ? penaltyRepair(r, inSol, penalty) : null;
  }
  improveByShifts(r, inSol, used, have);
  return toIncumbent(r, inSol);
}

export interface PenaltyRepair {
  readonly rng: Rng;
  readonly deadlineMs: number;
}

function penaltyRepair(r: SeatRelaxation, inSol: Uint8Array, o: PenaltyRepair): Incumbent | null {
  const { p, taskStart, taskArcs } = r.f;
  const s = new GapState(r.f);
  const slots = new Int32Array(s.slotArc.length).fill(UNFILLED);
  for (let t = 0; t < p.taskIds.length; t++) {
    let slot = s.slotStart[t] as number;
    for (let k = taskStart[t] as number; k < (taskStart[t + 1] as number); k++)
      if (inSol[taskArcs[k] as number]) slots[slot++] = taskArcs[k] as number;
  }
  s.setSlots(slots);
  for (let slot = 0; slot < slots.length; slot++) {
    if (s.slotArc[slot] !== UNFILLED) continue;
    const t = s.slotTask[slot] as number;
    let pick = -1;
    let over = Infinity;
    for (let k = taskStart[t] as number; k < (taskStart[t + 1] as number); k++) {
      const a = taskArcs[k] as number;
      const i = p.arcAgent[a] as number;
      if (s.taskUsesAgent(slot, i)) continue;
      const excess = (s.load[i] as number) + (p.arcLoad[a] as number) - (p.capacity[i] as number);
      if (excess < over) {
        over = excess;
        pick = a;
      }
    }
    if (pick >= 0) s.assign(slot, pick);
  }
  if (!repair(s, o.deadlineMs, o.rng)) return null;
  return { slots: s.slotArc.slice(), cost: s.cost };
}

/** Moves a seat to a cheaper arc of its task that fits, until no such move is left. */
function improveByShifts(r: SeatRelaxation, inSol: Uint8Array, used: Float64Array, have: Int32Array): void {
  const { p, cost, taskStart, taskArcs, unassigned } = r.f;
  for (let pass = 0, moved = true; moved && pass < 50; pass++) {
    moved = false;
    for (let t = 0; t < p.taskIds.length; t++) {
      for (let k = taskStart[t] as number; k < (taskStart[t + 1] as number); k++) {
        const b = taskArcs[k] as number;
        const j = p.arcAgent[b] as number;
        if (inSol[b] || (used[j] as number) + (p.arcLoad[b] as number) > (p.capacity[j] as number) + 1e-9) continue;
        // Drop the dearest seat of t (or fill an unfilled one) if b is cheaper.
        let worst = -1;
        for (let q = taskStart[t] as number; q < (taskStart[t + 1] as number); q++) {
          const a = taskArcs[q] as number;
          if (inSol[a] && (worst < 0 || (cost[a] as number) > (cost[worst] as number))) worst = a;
        }
        const freeSeat = (have[t] as number) < (p.seats[t] as number);
        const gain = freeSeat
          ? (unassigned ?? -Infinity) - (cost[b] as number)
          : worst < 0
            ? -Infinity
            : (cost[worst] as number) - (cost[b] as number);
        if (gain <= 1e-9) continue;
        if (!freeSeat) {
          inSol[worst] = 0;
          (used[p.arcAgent[worst] as number] as number) -= p.arcLoad[worst] as number;
        } else (have[t] as number)++;
        inSol[b] = 1;
        (used[j] as number) += p.arcLoad[b] as number;
        moved = true;
      }
    }
  }
}

function toIncumbent(r: SeatRelaxation, inSol: Uint8Array): Incumbent {
  const { p, cost, taskStart, taskArcs, unassigned } = r.f;
  let slotCount = 0;
  for (const s of p.seats) slotCount += s;
  const slots = new Int32Array(slotCount).fill(UNFILLED);
  let total = 0;
  let slot = 0;
  for (let t = 0; t < p.taskIds.length; t++) {
    const end = slot + (p.seats[t] as number);
    for (let k = taskStart[t] as number; k < (taskStart[t + 1] as number); k++) {
      const a = taskArcs[k] as number;
      if (!inSol[a]) continue;
      slots[slot++] = a;
      total += cost[a] as number;
    }
    total += (end - slot) * (unassigned ?? 0);
    slot = end;
  }
  return { slots, cost: total };
}
