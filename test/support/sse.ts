import { openSse as open, type SseClient } from '../../src/adapters/http/sse-client';
import type { ServiceEvent } from '../../src/adapters/redis/events';

export type { SseClient, SseEvent } from '../../src/adapters/http/sse-client';

/** The service's SSE stream, its events typed. */
export function openSse(url: string, key: string, headers: Record<string, string> = {}): SseClient<ServiceEvent> {
  return open<ServiceEvent>(url, key, headers);
}
