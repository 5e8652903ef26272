import type { ForcedReason, RebalanceModel, RebalanceSeat } from '../../../src/planning/rebalance/model';

/** A compact description of a rebalance model for tests. */
export interface TinySeat {
  readonly current: string;
  /** Agent id → arc cost (the current one included when it may stay). */
  readonly arcs: Readonly<Record<string, number>>;
  readonly penalty?: number;
  readonly forced?: ForcedReason;
}
export interface TinyAgent {
  readonly id: string;
  readonly capacity: number;
  readonly fixedLoad?: number;
  /** Marginal cost of each movable seat on top of the fixed load. */
  readonly loadCosts?: readonly number[];
}

export function tinyModel(agents: readonly TinyAgent[], seats: readonly TinySeat[], unassignedCost = 1000): RebalanceModel {
  const index = new Map(agents.map((a, i) => [a.id, i]));
  const arcSeat: number[] = [];
  const arcAgent: number[] = [];
  const arcCost: number[] = [];
  const arcTerms: Record<string, number>[] = [];
  const out: RebalanceSeat[] = seats.map((s, i) => {
    for (const [agent, cost] of Object.entries(s.arcs)) {
      arcSeat.push(i);
      arcAgent.push(index.get(agent)!);
      arcCost.push(cost);
      arcTerms.push({ travel: cost });
    }
    const here = s.arcs[s.current];
    return {
      id: `c${i}#sole`,
      caseId: `c${i}`,
      role: 'sole',
      current: index.get(s.current) ?? -1,
      currentId: s.current,
      penalty: s.penalty ?? 0,
      forced: s.forced ?? null,
      currentTerms: here !== undefined ? { travel: here } : null,
      currentCost: here ?? null,
    };
  });
  return {
    seats: out,
    agents: agents.map((a) => {
      const room = a.capacity - (a.fixedLoad ?? 0);
      return { id: a.id, capacity: a.capacity, fixedLoad: a.fixedLoad ?? 0, loadCosts: a.loadCosts ? a.loadCosts.slice(0, room) : null };
    }),
    arcSeat: Int32Array.from(arcSeat),
    arcAgent: Int32Array.from(arcAgent),
    arcCost: Float64Array.from(arcCost),
    arcTerms,
    unassignedCost,
    stranded: [],
  };
}
