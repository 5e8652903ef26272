import { DAY_MS } from '../../../src/domain/time';
import {
  backfillArrivals,
  backfillArrivalsOnce,
  countArrivals,
  oldestIndexedDay,
  type ArrivalCount,
  type ArrivalIndexBackfill,
  type ReferralRecord,
} from '../../../src/use-cases/dispatch/arrival-backfill';

const NOW = new Date('2026-12-06T10:00:00.000Z');
const today = Math.floor(NOW.getTime() / DAY_MS);
const at = (daysAgo: number) => new Date((today - daysAgo) * DAY_MS + 3_600_000).toISOString();
const ref = (caseId: string, daysAgo: number, cls: ReferralRecord['class'] = 'ordinary'): ReferralRecord => ({
  caseId,
  referredAt: at(daysAgo),
  class: cls,
});

/** An index kept as a map, raised as the Redis script raises it (test/integration/arrival-backfill.test.ts checks the script). */
class MapIndex implements ArrivalIndexBackfill {
  readonly counts = new Map<string, number>();
  marked: Date | null = null;
  raise(counts: readonly ArrivalCount[], when: Date): Promise<number> {
    let raised = 0;
    for (const c of counts) {
      const key = `${c.day}:${c.class}`;
      if (c.count > (this.counts.get(key) ?? 0)) {
        this.counts.set(key, c.count);
        raised++;
      }
    }
    this.marked = when;
    return Promise.resolve(raised);
  }
  backfilled(): Promise<boolean> {
    return Promise.resolve(this.marked !== null);
  }
}

const source = (records: readonly ReferralRecord[]) => ({ referralsSince: () => Promise.resolve(records) });

describe('arrival-index backfill', () => {
  test('when cases are counted, then each case counts once per UTC day and class, and days older than the index keeps are left out', () => {
    const counts = countArrivals(
      [ref('a', 1), ref('b', 1), ref('a', 1), ref('c', 1, 'major'), ref('d', 3), ref('old', 801)],
      oldestIndexedDay(NOW),
    );
    expect(counts).toEqual([
      { day: today - 3, class: 'ordinary', count: 1 },
      { day: today - 1, class: 'major', count: 1 },
      { day: today - 1, class: 'ordinary', count: 2 },
    ]);
  });

  test('when Redis and the ledger both hold a case, then it counts once; a case only the ledger holds (evicted) counts too', async () => {
    const index = new MapIndex();
    const out = await backfillArrivals({ sources: [source([ref('a', 2), ref('b', 2)]), source([ref('a', 2), ref('e', 2)])], index }, NOW);
    expect(out).toEqual({ cases: 3, counts: 1, raised: 1 });
    expect(index.counts.get(`${today - 2}:ordinary`)).toBe(3);
  });

  test('when the backfill runs twice, then the second counts nothing; a count the intake made higher is never lowered', async () => {
    const index = new MapIndex();
    index.counts.set(`${today - 1}:ordinary`, 5);
    const deps = { sources: [source([ref('a', 1), ref('b', 1), ref('c', 2)])], index };
    expect(await backfillArrivals(deps, NOW)).toMatchObject({ raised: 1 });
    expect(await backfillArrivals(deps, NOW)).toMatchObject({ raised: 0 });
    expect(Object.fromEntries(index.counts)).toEqual({ [`${today - 1}:ordinary`]: 5, [`${today - 2}:ordinary`]: 1 });
  });

  test('when the index was backfilled once, then the worker’s automatic run reads nothing', async () => {
    const index = new MapIndex();
    let reads = 0;
    const counting = { referralsSince: () => Promise.resolve((reads++, [ref('a', 1)])) };
    expect(await backfillArrivalsOnce({ sources: [counting], index }, NOW)).toMatchObject({ raised: 1 });
    expect(await backfillArrivalsOnce({ sources: [counting], index }, NOW)).toBeNull();
    expect(reads).toBe(1);
  });
});
