import { z } from 'zod';
import { ValidationError } from '../../../domain/errors';
import { EventTypeSchema, isStreamId, type ServiceEvent } from '../../../domain/service-event';
import { defineRoute } from '../route';
import type { RouteTarget } from '../deps';
import { sseWriter } from '../sse-writer';

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

/** Send a comment this often to keep proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

/** The SSE frame of one event. */
function frame(e: ServiceEvent): string {
  return `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;
}

export function eventRoutes({ router, registry, deps }: RouteTarget): void {
  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/events',
    tag: 'events',
    summary: 'Server-sent events of the county (case.referred, case.assigned, case.unassigned)',
    description:
      'text/event-stream; each message has `id` (resume with the Last-Event-ID header or `after`), `event` (type) and ' +
      '`data` (JSON: {id, type, county, data}). Without either, the stream starts with new events. A comment line ' +
      `comes every ${HEARTBEAT_MS / 1000} s. A client that stops reading is closed after SSE_IDLE_MS and resumes with ` +
      'Last-Event-ID. Streams are capped per county (SSE_MAX_PER_COUNTY) and per process (SSE_MAX_TOTAL): 503 ' +
      '`too_many_streams` with Retry-After beyond.',
    roles: ['dispatcher', 'viewer'],
    query: EventsQuery,
    responseDescription: 'An endless text/event-stream',
    responses: { 503: { description: '`redis_unavailable`, or `too_many_streams` (the caps); retry after Retry-After' } },
    handler: async ({ req, res, caller, query }) => {
      const resumeFrom = (req.headers['last-event-id'] as string | undefined) ?? query.after;
      if (resumeFrom !== undefined && resumeFrom !== '0' && !isStreamId(resumeFrom)) {
        throw new ValidationError([{ field: 'Last-Event-ID', reason: 'must be an event id like 1732700000000-0' }]);
      }
      const stream = deps.stores.events(caller.county);
      const from = resumeFrom === '0' ? '0-0' : (resumeFrom ?? (await stream.lastEventId()));
      const out = sseWriter(res, deps.config.SSE_IDLE_MS);
      const pending: ServiceEvent[] = [];
      let open = false;
      const send = (events: readonly ServiceEvent[]): void => {
        if (!open) return void pending.push(...events);
        for (const e of events) if (!query.types || query.types.has(e.type)) out.write(frame(e));
      };
      // Refused (caps, Redis away) before any byte is sent, so the client gets a status, not a cut stream.
      const subscription = await stream.subscribe(from, send);
      if (res.headersSent || req.destroyed) return void subscription.close();
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.write(': connected\n\n');
      open = true;
      send(pending.splice(0));
      const heartbeat = setInterval(
        () => {
          if (out.stalled()) return void res.destroy();
          out.write(': keep-alive\n\n');
        },
        Math.min(HEARTBEAT_MS, deps.config.SSE_IDLE_MS),
      );
      await new Promise<void>((done) => res.once('close', done));
      clearInterval(heartbeat);
      subscription.close();
      res.end();
      return undefined;
    },
  });
}
