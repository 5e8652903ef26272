import { feedPath, withoutFeedToken } from '../../../src/adapters/http/routes/calendar-feeds';
import { feedTokenHash, issueFeedToken, resolveFeedToken, type CalendarFeedTokens } from '../../../src/use-cases/calendars/feed-tokens';

/** The port in memory, recording which county's store was asked. */
function memoryTokens(asked: string[]): (county: string) => CalendarFeedTokens {
  const byCounty = new Map<string, Map<string, string>>();
  return (county) => {
    asked.push(county);
    const hashes = byCounty.get(county) ?? new Map<string, string>();
    byCounty.set(county, hashes);
    return {
      replace: (mediatorId, hash) => {
        for (const [h, m] of hashes) if (m === mediatorId) hashes.delete(h);
        hashes.set(hash, mediatorId);
        return Promise.resolve();
      },
      revoke: (mediatorId) => {
        const found = [...hashes].find(([, m]) => m === mediatorId);
        if (found) hashes.delete(found[0]);
        return Promise.resolve(found !== undefined);
      },
      mediatorOf: (hash) => Promise.resolve(hashes.get(hash)),
    };
  };
}

describe('calendar feed tokens', () => {
  test('when a token is issued, then it names its county, carries 256 random bits, and only its SHA-256 is handed to the store', async () => {
    const stored: string[] = [];
    const store: CalendarFeedTokens = {
      replace: (_m, hash) => (stored.push(hash), Promise.resolve()),
      revoke: () => Promise.resolve(false),
      mediatorOf: () => Promise.resolve(undefined),
    };
    const a = await issueFeedToken(store, 'c1', 'm1');
    const b = await issueFeedToken(store, 'c1', 'm1');
    expect(a).toMatch(/^c1\.[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(stored).toEqual([feedTokenHash(a), feedTokenHash(b)]);
    expect(stored[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  test('when a token is presented, then it opens its mediator in its county; a malformed one is refused before any store is asked', async () => {
    const asked: string[] = [];
    const tokens = memoryTokens(asked);
    const token = await issueFeedToken(tokens('c1'), 'c1', 'm7');
    await expect(resolveFeedToken(token, tokens)).resolves.toEqual({ county: 'c1', mediatorId: 'm7' });
    asked.length = 0;
    for (const bad of ['', 'c1', `C1.${'a'.repeat(43)}`, `c1.${'a'.repeat(42)}`, `c1.${'a'.repeat(43)}.ics`, `../x.${'a'.repeat(43)}`])
      await expect(resolveFeedToken(bad, tokens)).resolves.toBeUndefined();
    expect(asked).toEqual([]);
    await tokens('c1').revoke('m7');
    await expect(resolveFeedToken(token, tokens)).resolves.toBeUndefined();
  });

  test('when a feed request is logged, then its path carries no token', () => {
    const path = feedPath(`c1.${'x'.repeat(43)}`);
    expect(withoutFeedToken(path)).toBe('/v1/calendar-feeds/<token>.ics');
    expect(withoutFeedToken('/v1/cases/abc')).toBe('/v1/cases/abc');
  });
});
