import { TooManyStreamsError } from '../../../src/domain/errors';
import type { ServiceEvent } from '../../../src/domain/service-event';
import { EventHub } from '../../../src/use-cases/events/event-hub';
import type { EventFeed, EventWaiter } from '../../../src/use-cases/events/event-stream';
import { compareStreamIds } from '../../../src/use-cases/events/stream-id';

const tick = (ms = 5): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Counties' events in memory, with the blocking read polled; counts the waiters open. */
class MemoryFeed implements EventFeed {
  private readonly byCounty = new Map<string, ServiceEvent[]>();
  private seq = 0;
  openWaiters = 0;
  waitersOpened = 0;
  /** Waits that fail before the feed answers again (Redis away). */
  failingWaits = 0;
  /** Runs inside the next readAfter, after its page is taken (to append an event while a listener reads history). */
  duringRead: (() => Promise<void>) | undefined;

  append(county: string): ServiceEvent {
    const e: ServiceEvent = {
      id: `1000-${++this.seq}`,
      type: 'case.referred',
      county,
      data: { caseId: `c${this.seq}`, at: '2026-01-01T00:00:00Z' },
    };
    this.byCounty.set(county, [...(this.byCounty.get(county) ?? []), e]);
    return e;
  }
  private after(county: string, afterId: string): ServiceEvent[] {
    return (this.byCounty.get(county) ?? []).filter((e) => compareStreamIds(e.id, afterId) > 0);
  }
  lastEventId(county: string): Promise<string> {
    return Promise.resolve(this.byCounty.get(county)?.at(-1)?.id ?? '0-0');
  }
  async readAfter(county: string, afterId: string, count: number): Promise<ServiceEvent[]> {
    const page = this.after(county, afterId).slice(0, count);
    const hook = this.duringRead;
    this.duringRead = undefined;
    await hook?.();
    await tick(1);
    return page;
  }
  openWaiter(): EventWaiter {
    this.openWaiters++;
    this.waitersOpened++;
    let closed = false;
    return {
      waitForAny: async (cursors, blockMs) => {
        if (this.failingWaits > 0) {
          this.failingWaits--;
          throw new Error("Stream isn't writeable");
        }
        for (const end = Date.now() + blockMs; Date.now() < end; await tick()) {
          if (closed) throw new Error('Connection is closed.');
          const found = [...cursors].flatMap(([county, id]) => this.after(county, id));
          if (found.length > 0) return found;
        }
        return [];
      },
      close: () => {
        if (!closed) this.openWaiters--;
        closed = true;
      },
    };
  }
}

/** A subscription's received ids. */
function collector(): { ids: string[]; sink: (events: readonly ServiceEvent[]) => void } {
  const ids: string[] = [];
  return { ids, sink: (events) => void ids.push(...events.map((e) => e.id)) };
}

async function until(check: () => boolean, ms = 2000): Promise<void> {
  for (const end = Date.now() + ms; !check(); await tick()) if (Date.now() > end) throw new Error('not in time');
}

describe('EventHub: one shared read fanned out to many subscriptions', () => {
  test('when many listen to two counties, then one read serves them and each gets its county’s events once, in order', async () => {
    const feed = new MemoryFeed();
    const hub = new EventHub(feed, { maxPerCounty: 100, maxTotal: 100, blockMs: 50 });
    const a = Array.from({ length: 20 }, collector);
    const b = collector();
    const subs = [...(await Promise.all(a.map((c) => hub.subscribe('a', '0-0', c.sink)))), await hub.subscribe('b', '0-0', b.sink)];
    expect(feed.openWaiters).toBe(1);
    const sent = [feed.append('a'), feed.append('b'), feed.append('a')];
    await until(() => a.every((c) => c.ids.length === 2) && b.ids.length === 1);
    await tick(100);
    for (const c of a) expect(c.ids).toEqual([sent[0]!.id, sent[2]!.id]);
    expect(b.ids).toEqual([sent[1]!.id]);
    subs.forEach((s) => s.close());
    expect(feed.openWaiters).toBe(0);
    expect(hub.size()).toBe(0);
  });

  test('when an event comes while a listener reads the history, then it gets every event exactly once, in order', async () => {
    const feed = new MemoryFeed();
    const hub = new EventHub(feed, { maxPerCounty: 10, maxTotal: 10, blockMs: 20 });
    const early = collector();
    const first = await hub.subscribe('a', '0-0', early.sink); // the shared read is running
    const history = [feed.append('a'), feed.append('a')];
    let racing: ServiceEvent | undefined;
    // The shared read passes this event on before the late listener joins it, so only a second look finds it.
    feed.duringRead = async () => {
      const e = (racing = feed.append('a'));
      await until(() => early.ids.includes(e.id));
    };
    const late = collector();
    const second = await hub.subscribe('a', '0-0', late.sink);
    const after = feed.append('a');
    await until(() => late.ids.length >= 4 && early.ids.length >= 4);
    await tick(60);
    const all = [...history, racing!, after].map((e) => e.id);
    expect(late.ids).toEqual(all);
    expect(early.ids).toEqual(all);
    first.close();
    second.close();
  });

  test('when a listener resumes after an id, then it gets the kept events after it, then new ones', async () => {
    const feed = new MemoryFeed();
    const hub = new EventHub(feed, { maxPerCounty: 10, maxTotal: 10, blockMs: 20 });
    const [e1, e2, e3] = [feed.append('a'), feed.append('a'), feed.append('a')];
    const c = collector();
    const sub = await hub.subscribe('a', e1.id, c.sink);
    expect(c.ids).toEqual([e2.id, e3.id]);
    const e4 = feed.append('a');
    await until(() => c.ids.length === 3);
    expect(c.ids).toEqual([e2.id, e3.id, e4.id]);
    sub.close();
  });

  test('when the caps are reached, then a subscription is refused (per county, then in total) until one closes', async () => {
    const feed = new MemoryFeed();
    const hub = new EventHub(feed, { maxPerCounty: 2, maxTotal: 3, blockMs: 20 });
    const a1 = await hub.subscribe('a', '0-0', () => undefined);
    await hub.subscribe('a', '0-0', () => undefined);
    await expect(hub.subscribe('a', '0-0', () => undefined)).rejects.toMatchObject({
      code: 'too_many_streams',
      details: { scope: 'county' },
    });
    await hub.subscribe('b', '0-0', () => undefined);
    const refused = hub.subscribe('c', '0-0', () => undefined);
    await expect(refused).rejects.toBeInstanceOf(TooManyStreamsError);
    await expect(refused).rejects.toMatchObject({ details: { scope: 'total', limit: 3 } });
    a1.close();
    a1.close(); // idempotent: frees one place only
    expect(hub.size()).toBe(2);
    await expect(hub.subscribe('c', '0-0', () => undefined)).resolves.toBeDefined();
    await expect(hub.subscribe('c', '0-0', () => undefined)).rejects.toMatchObject({ details: { scope: 'total' } });
    hub.stop();
  });

  test('when the shared read fails for a while, then listeners stay open and get the events once it answers again', async () => {
    const feed = new MemoryFeed();
    const errors: unknown[] = [];
    const hub = new EventHub(feed, { maxPerCounty: 10, maxTotal: 10, blockMs: 20, onReadError: (err) => errors.push(err) });
    feed.failingWaits = 3;
    const c = collector();
    const sub = await hub.subscribe('a', '0-0', c.sink);
    const e = feed.append('a');
    await until(() => c.ids.length === 1);
    expect(c.ids).toEqual([e.id]);
    expect(errors).toHaveLength(3);
    sub.close();
  });

  test('when the last listener leaves, then the read’s connection closes, and a new listener opens another', async () => {
    const feed = new MemoryFeed();
    const hub = new EventHub(feed, { maxPerCounty: 10, maxTotal: 10, blockMs: 1000 });
    (await hub.subscribe('a', '0-0', () => undefined)).close();
    expect(feed.openWaiters).toBe(0);
    const c = collector();
    const sub = await hub.subscribe('a', '0-0', c.sink);
    const e = feed.append('a');
    await until(() => c.ids.length === 1);
    expect(c.ids).toEqual([e.id]);
    expect(feed.waitersOpened).toBe(2);
    sub.close();
  });
});
