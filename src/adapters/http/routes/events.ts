import { z } from 'zod';
import { ValidationError } from '../../../domain/errors';
import { EventTypeSchema, isStreamId, type ServiceEvent } from '../../../domain/service-event';
import { defineRoute } from '../route';
import type { RouteTarget } from '../deps';

const EventsQuery = z.strictObject({
  /** Comma-separated event types; omitted = all. */
  types: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const parts = s.split(',').map((t) => t.trim());
      for (const p of parts) {
        if (!EventTypeSchema.safeParse(p).success) {
          ctx.addIssue({ code: 'custom', message: `unknown event type "${p}"` });
          return z.NEVER;
        }
      }
      return new Set(parts);
    }),
  /** Resume after this event id (same as the Last-Event-ID header); `0` replays the kept history. */
  after: z.string().optional(),
});

/** Block this long per read, then send a comment to keep proxies from closing the stream. */
const HEARTBEAT_MS = 15_000;

export function eventRoutes({ router, registry, deps }: RouteTarget): void {
  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/events',
    tag: 'events',
    summary: 'Server-sent events of the county (case.referred, case.assigned, case.unassigned)',
    description:
      'text/event-stream; each message has `id` (resume with the Last-Event-ID header or `after`), `event` (type) and ' +
      '`data` (JSON: {id, type, county, data}). Without either, the stream starts with new events.',
    roles: ['dispatcher', 'viewer'],
    query: EventsQuery,
    responseDescription: 'An endless text/event-stream',
    handler: async ({ req, res, caller, query }) => {
      const resumeFrom = (req.headers['last-event-id'] as string | undefined) ?? query.after;
      if (resumeFrom !== undefined && resumeFrom !== '0' && !isStreamId(resumeFrom)) {
        throw new ValidationError([{ field: 'Last-Event-ID', reason: 'must be an event id like 1732700000000-0' }]);
      }
      const stream = deps.stores.events(caller.county);
      let cursor = resumeFrom === '0' ? '0-0' : (resumeFrom ?? (await stream.lastEventId()));
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.write(': connected\n\n');
      const send = (e: ServiceEvent): void => {
        cursor = e.id;
        if (query.types && !query.types.has(e.type)) return;
        res.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
      };
      // Catch up with history without blocking, then follow with a blocking read on a private connection.
      for (;;) {
        const batch = await stream.readAfter(cursor, 1000);
        batch.forEach(send);
        if (batch.length < 1000) break;
      }
      const reader = stream.openReader();
      let open = true;
      req.on('close', () => {
        open = false;
        reader.close();
      });
      while (open) {
        try {
          const batch = await reader.waitForEvents(cursor, HEARTBEAT_MS);
          if (!open) break;
          if (batch.length === 0) res.write(': keep-alive\n\n');
          batch.forEach(send);
        } catch (err) {
          if (open) deps.log.warn({ err, county: caller.county }, 'event stream read failed; closing the SSE connection');
          break;
        }
      }
      res.end();
      return undefined;
    },
  });
}
