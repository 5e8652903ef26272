import type { ServiceEvent } from '../../domain/service-event';

/**
 * The event stream of one county, for readers (SSE). Event ids are ordered; `0-0` is before the
 * first event.
 */
export interface EventStream {
  /** The id of the newest event, or `0-0` for an empty stream. */
  lastEventId(): Promise<string>;
  /**
   * Delivers the events after `afterId` (the kept history first, then new ones as they come), in
   * order and each once, until the subscription is closed. Rejects with `too_many_streams` when
   * the process holds as many subscriptions as it may.
   */
  subscribe(afterId: string, deliver: EventSink): Promise<EventSubscription>;
}

/** Receives a subscription's events, oldest first; called synchronously, so it must not block. */
export type EventSink = (events: readonly ServiceEvent[]) => void;

export interface EventSubscription {
  /** Stops the deliveries and frees the subscription's place. Idempotent. */
  close(): void;
}

/**
 * The events of every county, as storage keeps them: what one shared subscription per process
 * reads (see `EventHub`).
 */
export interface EventFeed {
  /** The id of the newest event of a county, or `0-0`. */
  lastEventId(county: string): Promise<string>;
  /** Events of a county after `afterId` (exclusive), oldest first, at most `count`; never waits. */
  readAfter(county: string, afterId: string, count: number): Promise<ServiceEvent[]>;
  /**
   * A reader that waits for new events of several counties at once. It holds a connection of its
   * own (a blocking read would stall every other command on a shared one): close it when done.
   */
  openWaiter(): EventWaiter;
}

/** A blocking reader of many counties' events; see `EventFeed.openWaiter`. */
export interface EventWaiter {
  /** Waits up to `blockMs` for events after each county's cursor; empty when none came. Rejects once closed. */
  waitForAny(cursors: ReadonlyMap<string, string>, blockMs: number): Promise<ServiceEvent[]>;
  /** Drops the connection; a pending wait rejects. Idempotent. */
  close(): void;
}
