import { issuedSummons, type Summons } from '../../../src/domain/summons/summons';

export const REQUIRED_BY = '2026-03-10T01:00:00.000Z';
export const SETTINGS = { reminderHoursBefore: [24, 2], missGraceMinutes: 30 } as const;

/** A summons of the court to case c1, issued two days before it is required. */
export function summons(over: Partial<Summons> = {}): Summons {
  return {
    ...issuedSummons({
      id: 'sm_1',
      caseId: 'c1',
      department: 'court',
      reason: 'land boundary: the court explains the law',
      requiredBy: REQUIRED_BY,
      issuedBy: 'dispatcher-wang',
      issuedAt: '2026-03-08T01:00:00.000Z',
    }),
    ...over,
  };
}

export const hoursBefore = (h: number) => new Date(Date.parse(REQUIRED_BY) - h * 3_600_000);
