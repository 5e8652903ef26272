import type { Response } from 'express';

/** Writes to one SSE client and tells whether it has stopped reading. */
export interface SseWriter {
  write(text: string): void;
  /** True once the socket buffer has stayed full (no 'drain') for `idleMs`. */
  stalled(now?: number): boolean;
}

/**
 * A client whose socket buffer has not drained for `idleMs` is to be closed (it resumes with
 * Last-Event-ID when it reconnects), so a stalled reader cannot make the process buffer its events
 * without bound.
 */
export function sseWriter(res: Pick<Response, 'write' | 'on'>, idleMs: number): SseWriter {
  let stuckSince: number | undefined;
  res.on('drain', () => (stuckSince = undefined));
  return {
    write: (text) => {
      if (!res.write(text)) stuckSince ??= Date.now();
    },
    stalled: (now = Date.now()) => stuckSince !== undefined && now - stuckSince >= idleMs,
  };
}
