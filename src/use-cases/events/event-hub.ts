import { TooManyStreamsError } from '../../domain/errors';
import type { ServiceEvent } from '../../domain/service-event';
import type { EventFeed, EventSink, EventStream, EventSubscription, EventWaiter } from './event-stream';
import { compareStreamIds } from './stream-id';

export interface EventHubSettings {
  /** Subscriptions one county may hold in this process. @defaultValue 200 */
  readonly maxPerCounty: number;
  /** Subscriptions this process may hold in all. @defaultValue 1000 */
  readonly maxTotal: number;
  /** Longest blocking read, ms: a county whose first listener arrives meanwhile joins after it. @defaultValue 1000 */
  readonly blockMs?: number;
  /** Called when a read fails (Redis away); the hub retries, its listeners stay open. */
  readonly onReadError?: (err: unknown) => void;
}

/** History is read in pages of this many events. */
const PAGE = 1000;
/** Pause after a failed read, doubled per failure up to the cap, ms. */
const RETRY_MS = 100;
const RETRY_CAP_MS = 1000;

interface Listener {
  /** The newest event this listener has been given. */
  cursor: string;
  /** Live events that came while it was still reading history; undefined once it is live. */
  backlog: ServiceEvent[] | undefined;
  readonly sink: EventSink;
}

interface CountyFollow {
  /** The newest event the shared read has passed on for this county. */
  cursor: string;
  readonly listeners: Set<Listener>;
}

/**
 * One shared subscription per process: a single blocking read (one connection) over every county
 * that has listeners, fanned out to them, instead of a connection per SSE client. A listener reads
 * the kept history on its own (non-blocking reads on the shared client), then joins the shared read;
 * events are delivered in order and each once. Caps per county and in total bound what the process
 * holds. The read runs only while someone listens.
 */
export class EventHub {
  private readonly counties = new Map<string, CountyFollow>();
  /** Subscriptions reserved but still reading history (not yet in `counties`), per county. */
  private readonly pending = new Map<string, number>();
  private total = 0;
  private waiter: EventWaiter | undefined;
  private stopped = false;

  constructor(
    private readonly feed: EventFeed,
    private readonly settings: EventHubSettings,
  ) {}

  /** The county's stream as the routes see it. */
  stream(county: string): EventStream {
    return {
      lastEventId: () => this.feed.lastEventId(county),
      subscribe: (afterId, sink) => this.subscribe(county, afterId, sink),
    };
  }

  /** Open subscriptions, in all and of one county. */
  size(county?: string): number {
    return county === undefined ? this.total : (this.counties.get(county)?.listeners.size ?? 0);
  }

  /** Ends every subscription's deliveries and the shared read (shutdown). */
  stop(): void {
    this.stopped = true;
    this.counties.clear();
    this.dropWaiter();
  }

  async subscribe(county: string, afterId: string, sink: EventSink): Promise<EventSubscription> {
    this.reserve(county);
    let joined: Listener | undefined;
    let closed = false;
    const close = (): void => {
      if (closed) return;
      closed = true;
      this.total--;
      if (joined) this.leave(county, joined);
      else this.unpend(county);
    };
    try {
      // History first, on its own; then join the shared read, and read again what passed meanwhile.
      const cursor = await this.catchUp(county, afterId, sink, () => closed);
      if (closed) return { close };
      joined = this.join(county, cursor, sink);
      joined.cursor = await this.catchUp(county, cursor, sink, () => closed);
      this.goLive(joined);
    } catch (err) {
      close();
      throw err;
    }
    return { close };
  }

  private reserve(county: string): void {
    if (this.total >= this.settings.maxTotal) throw new TooManyStreamsError('total', this.settings.maxTotal);
    if (this.size(county) + this.pendingIn(county) >= this.settings.maxPerCounty) {
      throw new TooManyStreamsError('county', this.settings.maxPerCounty);
    }
    this.total++;
    this.pending.set(county, this.pendingIn(county) + 1);
  }

  private pendingIn(county: string): number {
    return this.pending.get(county) ?? 0;
  }
  private unpend(county: string): void {
    const n = this.pendingIn(county) - 1;
    if (n > 0) this.pending.set(county, n);
    else this.pending.delete(county);
  }

  private async catchUp(county: string, afterId: string, sink: EventSink, closed: () => boolean): Promise<string> {
    let cursor = afterId;
    for (;;) {
      const page = await this.feed.readAfter(county, cursor, PAGE);
      if (closed()) return cursor;
      const fresh = page.filter((e) => compareStreamIds(e.id, cursor) > 0);
      const last = fresh.at(-1);
      if (last) {
        cursor = last.id;
        sink(fresh);
      }
      if (page.length < PAGE) return cursor;
    }
  }

  private join(county: string, cursor: string, sink: EventSink): Listener {
    this.unpend(county);
    const listener: Listener = { cursor, backlog: [], sink };
    const follow = this.counties.get(county) ?? { cursor, listeners: new Set<Listener>() };
    follow.listeners.add(listener);
    this.counties.set(county, follow);
    this.ensureReading();
    return listener;
  }

  private goLive(listener: Listener): void {
    const backlog = listener.backlog ?? [];
    listener.backlog = undefined;
    this.hand(listener, backlog);
  }

  private leave(county: string, listener: Listener): void {
    const follow = this.counties.get(county);
    if (!follow?.listeners.delete(listener)) return;
    if (follow.listeners.size === 0) this.counties.delete(county);
    // The last listener gone: drop the blocking read's connection now, not after its block. Its loop
    // ends; a listener that comes meanwhile gets a new read (a closed waiter is never used again).
    if (this.counties.size === 0) this.dropWaiter();
  }

  /** Gives a listener the events newer than what it has; buffers them while it still reads history. */
  private hand(listener: Listener, events: readonly ServiceEvent[]): void {
    if (listener.backlog) return void listener.backlog.push(...events);
    const fresh = events.filter((e) => compareStreamIds(e.id, listener.cursor) > 0);
    const last = fresh.at(-1);
    if (!last) return;
    listener.cursor = last.id;
    listener.sink(fresh);
  }

  private dropWaiter(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.close();
  }

  private ensureReading(): void {
    if (this.waiter || this.stopped) return;
    const waiter = (this.waiter = this.feed.openWaiter());
    void this.readLoop(waiter).finally(() => {
      if (this.waiter === waiter) this.dropWaiter();
      else waiter.close();
      // A listener that joined while the loop was winding down needs a new one.
      if (this.counties.size > 0) this.ensureReading();
    });
  }

  /** True while `waiter` is the hub's current read and someone listens. */
  private current(waiter: EventWaiter): boolean {
    return !this.stopped && this.waiter === waiter && this.counties.size > 0;
  }

  private async readLoop(waiter: EventWaiter): Promise<void> {
    let failures = 0;
    while (this.current(waiter)) {
      const cursors = new Map([...this.counties].map(([county, follow]) => [county, follow.cursor]));
      let events: ServiceEvent[];
      try {
        events = await waiter.waitForAny(cursors, this.settings.blockMs ?? 1000);
        failures = 0;
      } catch (err) {
        if (!this.current(waiter)) return;
        this.settings.onReadError?.(err);
        await new Promise((r) => setTimeout(r, Math.min(RETRY_MS * 2 ** failures++, RETRY_CAP_MS)));
        continue;
      }
      this.fanOut(events);
    }
  }

  private fanOut(events: readonly ServiceEvent[]): void {
    const byCounty = new Map<string, ServiceEvent[]>();
    for (const e of events) {
      const batch = byCounty.get(e.county);
      if (batch) batch.push(e);
      else byCounty.set(e.county, [e]);
    }
    for (const [county, batch] of byCounty) {
      const follow = this.counties.get(county);
      const last = batch.at(-1);
      if (!follow || !last) continue;
      if (compareStreamIds(last.id, follow.cursor) > 0) follow.cursor = last.id;
      for (const listener of follow.listeners) this.hand(listener, batch);
    }
  }
}
