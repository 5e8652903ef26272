import type { Summons } from '../../../src/domain/summons/summons';
import { summonsesFromBoth } from '../../../src/use-cases/reports/summons-due';

/** Only what the merge reads; the rest of a summons does not matter here. */
const summons = (id: string, requiredBy: string, version: number, status: Summons['status']): Summons =>
  ({ id, requiredBy, version, status }) as Summons;

describe('summonses from Redis and the ledger together', () => {
  const redis = [summons('s2', '2026-03-02T01:00:00Z', 3, 'missed'), summons('s3', '2026-03-01T01:00:00Z', 1, 'issued')];
  const ledger = [
    summons('s1', '2026-03-05T01:00:00Z', 4, 'checked_in'), // evicted from Redis with its case
    summons('s2', '2026-03-02T01:00:00Z', 2, 'issued'), // the projector has not copied the miss yet
  ];
  const due = summonsesFromBoth(
    () => Promise.resolve(redis),
    () => Promise.resolve(ledger),
  );

  test('when both hold a summons, then the newer version counts, once; one only the ledger kept counts too', async () => {
    const list = await due(new Date('2026-03-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));
    expect(list.map((s) => [s.id, s.version, s.status])).toEqual([
      ['s3', 1, 'issued'],
      ['s2', 3, 'missed'],
      ['s1', 4, 'checked_in'],
    ]);
  });
});
