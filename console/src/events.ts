import { useEffect, useRef, useState } from 'preact/hooks';

/** One message of GET /v1/events: `{id, type, county, data}`. */
export interface ServiceEvent {
  readonly id: string;
  readonly type: string;
  readonly county: string;
  readonly at?: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The event types the console listens to (the service's vocabulary, src/domain/service-event.ts). */
export const CASE_EVENT_TYPES = [
  'case.referred',
  'case.assigned',
  'case.unassigned',
  'case.reassigned',
  'case.transition',
  'case.deadline_warning',
  'case.deadline_overdue',
  'case.returned_to_court',
  'case.held',
  'case.proposed',
  'case.proposal_confirmed',
  'case.proposal_expired',
] as const;

/** What a page knows of its event stream. */
export interface StreamState {
  /** The stream is up now. */
  readonly connected: boolean;
  /**
   * How many times it has opened (0 before the first). A page that loaded its data before an open
   * reads it again on each one: events sent while no stream was up (before the first open, or
   * longer ago than the replay the service keeps) would otherwise never reach it.
   */
  readonly opens: number;
}

/**
 * Subscribes to the county's live events (EventSource sends the session cookie; it reconnects by
 * itself with Last-Event-ID). `onEvent` sees each event once; `connected` says whether the stream is up.
 */
export function useServiceEvents(onEvent: (e: ServiceEvent) => void, types: readonly string[] = CASE_EVENT_TYPES): StreamState {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const [connected, setConnected] = useState(false);
  const [opens, setOpens] = useState(0);
  const typeList = types.join(',');
  useEffect(() => {
    const source = new EventSource(`/v1/events?types=${encodeURIComponent(typeList)}`);
    const listener = (m: MessageEvent<string>) => {
      try {
        handler.current(JSON.parse(m.data) as ServiceEvent);
      } catch {
        // A frame that is not JSON is not ours to show.
      }
    };
    for (const type of typeList.split(',')) source.addEventListener(type, listener as EventListener);
    source.onopen = () => {
      setConnected(true);
      setOpens((n) => n + 1);
    };
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, [typeList]);
  return { connected, opens };
}
