import type { ServiceEvent } from '../../domain/service-event';

/**
 * The event stream of one county, for readers (SSE). Event ids are ordered; `0-0` is before the
 * first event.
 */
export interface EventStream {
  /** The id of the newest event, or `0-0` for an empty stream. */
  lastEventId(): Promise<string>;
  /** Events after `afterId` (exclusive), oldest first, at most `count`; never waits. */
  readAfter(afterId: string, count: number): Promise<ServiceEvent[]>;
  /**
   * A reader that waits for new events. It holds a connection of its own (a blocking read would
   * stall every other command on a shared one), so close it when done.
   */
  openReader(): EventWaiter;
}

/** A blocking reader of one county's events; see `EventStream.openReader`. */
export interface EventWaiter {
  /** Waits up to `blockMs` for events after `afterId`; empty when none came. Rejects once closed. */
  waitForEvents(afterId: string, blockMs: number): Promise<ServiceEvent[]>;
  /** Drops the connection; a pending wait rejects. Idempotent. */
  close(): void;
}
