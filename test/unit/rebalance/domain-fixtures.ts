import type { Case, CaseStatus, Mediator } from '../../../src/domain';
import type { RebalanceSnapshot } from '../../../src/planning/rebalance/build-model';
import { caseIn, villageMediator } from '../cost-model/helpers';

/** The nightly run: 02:00 Beijing on Thursday 2024-03-21 (18:00 UTC the day before). */
export const NIGHT = new Date('2024-03-20T18:00:00.000Z');
export const TOMORROW = '2024-03-21';

/** A case of township t01 held by `mediatorId` in the given status. */
export function heldCase(
  id: string,
  villageId: string,
  mediatorId: string,
  status: CaseStatus,
  over: Partial<Case> = {},
  by: 'optimizer' | 'dispatcher' = 'optimizer',
): Case {
  return caseIn(id, villageId, {
    status,
    assignment: {
      mediatorIds: [mediatorId],
      seats: [{ role: 'sole', mediatorId, cost: 0 }],
      cost: 0,
      assignedAt: '2024-03-20T09:00:00.000Z',
      by,
    },
    ...over,
  });
}

/** Three village mediators of t01, capacity 4, at villages v01, v02, v03. */
export function threeMediators(over: Partial<Record<'A' | 'B' | 'C', Partial<Mediator>>> = {}): Mediator[] {
  return [
    villageMediator('A', 't01-v01', over.A ?? {}),
    villageMediator('B', 't01-v02', over.B ?? {}),
    villageMediator('C', 't01-v03', over.C ?? {}),
  ];
}

export function snapshotOf(mediators: readonly Mediator[], cases: readonly Case[]): RebalanceSnapshot {
  const loads = new Map<string, number>();
  for (const c of cases) for (const id of c.assignment?.mediatorIds ?? []) loads.set(id, (loads.get(id) ?? 0) + 1);
  return { cases, mediators, loads, outcomes: [] };
}

export const leaveFromTomorrow = { leave: [{ from: TOMORROW, until: '2024-03-30' }] };
