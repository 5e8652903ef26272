import { tick } from '../../../src/domain/lifecycle/clock';
import { currentCaseFile } from '../../../src/domain/lifecycle/reconcile';
import type { Case } from '../../../src/domain';
import { waitingCase } from '../domain/fixtures';
import { config } from './helpers';

const DAY = 86_400_000;
const plus = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY);

/** A court case referred at `referredAt`, imported with backfill at `importedAt` (or taken in live when null). */
function courtCase(referredAt: string, importedAt: string | null): Case {
  return waitingCase({
    id: 'c1',
    channel: 'court',
    referredAt,
    deadlineAt: plus(referredAt, 30).toISOString(),
    ...(importedAt ? { backfill: { importedAt, overdueAtImport: Date.parse(referredAt) + 30 * DAY <= Date.parse(importedAt) } } : {}),
  });
}

const tickAt = (c: Case, now: Date) => tick(currentCaseFile(null, c, config), { by: 'clock', now, config });

describe('backfill: the legal clock of a case imported from history', () => {
  it('when a 2024 court case whose term ran out before import is ticked, then nothing is raised and it is not returned to court', () => {
    const out = tickAt(courtCase('2024-03-01T08:00:00.000Z', '2024-12-01T00:00:00.000Z'), new Date('2024-12-02T00:00:00.000Z'));
    expect(out.events).toEqual([]);
    expect(out.file.status).toBe('referred');
  });

  it('when the same case was taken in live (no backfill), then the run returns it to court (the rule the skip is for)', () => {
    const out = tickAt(courtCase('2024-03-01T08:00:00.000Z', null), new Date('2024-12-02T00:00:00.000Z'));
    expect(out.events.map((e) => e.type)).toContain('case.returned_to_court');
    expect(out.file.status).toBe('returned_to_court');
  });

  it('when a backfilled case’s term ends after the import, then only what falls due after the import fires, and the term returns it as usual', () => {
    const referredAt = '2024-11-11T00:00:00.000Z'; // term ends 2024-12-11, 10 days after the import
    const c = courtCase(referredAt, '2024-12-01T00:00:00.000Z');
    const file = currentCaseFile(null, c, config);
    expect(file.backfill).toEqual({ importedAt: '2024-12-01T00:00:00.000Z' });
    // The first-session target (3 days) was overdue at import: it counts as raised, not announced.
    expect(tickAt(c, new Date('2024-12-01T12:00:00.000Z')).events).toEqual([]);
    const warning = tickAt(c, new Date('2024-12-04T12:00:00.000Z'));
    expect(warning.events).toEqual([expect.objectContaining({ type: 'case.deadline_warning', kind: 'term', hoursBefore: 168 })]);
    const end = tick(warning.file, { by: 'clock', now: new Date('2024-12-11T00:00:00.000Z'), config });
    expect(end.events.map((e) => e.type)).toEqual(expect.arrayContaining(['case.deadline_overdue', 'case.returned_to_court']));
  });
});
