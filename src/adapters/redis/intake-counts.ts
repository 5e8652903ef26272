import { countyKeys } from './keys';
import type { RedisClient } from './redis-connection';

/**
 * Adds `count` referrals to `county`'s counter of the second `second` and answers how many the
 * county had enqueued within the `windowSec` seconds up to and including that second before them.
 * One counter per second, in the county's slot, kept a window long: every API process reads and
 * bumps the same counts, so the fair share is the installation's, not a process's. One MULTI: the
 * count before is the increment's own reply less `count` plus the earlier seconds, exact under
 * concurrent intakes.
 */
export async function countRecentReferrals(
  client: RedisClient,
  county: string,
  count: number,
  second: number,
  windowSec: number,
): Promise<number> {
  const key = countyKeys(county).intakeSecond;
  const earlier = Array.from({ length: windowSec - 1 }, (_, k) => key(second - 1 - k));
  const multi = client
    .multi()
    .incrby(key(second), count)
    .expire(key(second), windowSec + 1);
  if (earlier.length > 0) multi.mget(...earlier);
  const results = (await multi.exec()) ?? [];
  for (const [err] of results) if (err) throw err;
  const now = Number(results[0]?.[1]);
  const before = (results[2]?.[1] as (string | null)[] | undefined) ?? [];
  return now - count + before.reduce((n, v) => n + Number(v ?? 0), 0);
}
