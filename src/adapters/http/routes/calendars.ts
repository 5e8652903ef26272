import { z } from 'zod';
import { DateOrInstantSchema } from '../../../domain/instant';
import { RoomSchema, SessionSchema } from '../../../domain/session';
import { loadRoomsConfig } from '../../../domain/config/rooms-config';
import { NotFoundError, ValidationError } from '../../../domain/errors';
import { mediatorIcsWriter } from '../mediator-ics';
import { issueFeedToken } from '../../../use-cases/calendars/feed-tokens';
import { feedPath } from './calendar-feeds';
import { defineRoute } from '../route';
import type { RouteTarget } from '../deps';

const DAY = 86_400_000;
const IdParams = z.object({ id: z.string().min(1).max(200) });
const isoDate = DateOrInstantSchema;

/** A window of at most a year; defaults to the next 30 days. */
const WindowQuery = z.strictObject({
  /** @defaultValue now */
  from: isoDate.optional(),
  /** @defaultValue from + 30 days */
  to: isoDate.optional(),
});

const FeedUrlSchema = z.object({ url: z.string() }).meta({ id: 'CalendarFeedUrl' });

/** A room as a reader needs it: which, what kind, its name and township (no coordinates). */
export const RoomListSchema = z
  .object({ rooms: z.array(RoomSchema.pick({ id: true, kind: true, name: true, township: true })) })
  .meta({ id: 'RoomList' });

export const CalendarSchema = z
  .object({ id: z.string(), from: z.string(), to: z.string(), sessions: z.array(SessionSchema) })
  .meta({ id: 'Calendar' });

function windowOf(q: z.infer<typeof WindowQuery>): { from: Date; to: Date } {
  const from = q.from ? new Date(q.from) : new Date();
  const to = q.to ? new Date(q.to) : new Date(from.getTime() + 30 * DAY);
  if (to.getTime() <= from.getTime()) throw new ValidationError([{ field: 'query.to', reason: 'must be after from' }]);
  if (to.getTime() - from.getTime() > 366 * DAY)
    throw new ValidationError([{ field: 'query.to', reason: 'the window may span at most 366 days' }]);
  return { from, to };
}

/** A mediator's and a room's sessions, and an iCalendar feed per mediator. */
export function calendarRoutes({ router, registry, deps }: RouteTarget): void {
  const writeIcs = mediatorIcsWriter(deps.stores);
  const rooms = loadRoomsConfig();
  const roomById = new Map(rooms.rooms.map((r) => [r.id, r]));
  const store = (county: string) => deps.stores.calendars(county);
  const mustMediator = async (county: string, id: string) => {
    if (!(await deps.stores.mediators(county).get(id))) throw new NotFoundError('mediator', id);
  };

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/v1/calendars/mediators/:id',
      tag: 'calendars',
      summary: "A mediator's sessions in a window (default: the next 30 days)",
      roles: ['dispatcher', 'viewer'],
      params: IdParams,
      query: WindowQuery,
      response: CalendarSchema,
      handler: async ({ caller, params, query }) => {
        await mustMediator(caller.county, params.id);
        const w = windowOf(query);
        return {
          id: params.id,
          from: w.from.toISOString(),
          to: w.to.toISOString(),
          sessions: await store(caller.county).calendar('mediator', params.id, w.from, w.to),
        };
      },
    },
    [404],
  );

  const roomList = { rooms: rooms.rooms.map(({ id, kind, name, township }) => ({ id, kind, name, township })) };
  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/calendars/rooms',
    tag: 'calendars',
    summary: 'The rooms sessions are held in, in configuration order (src/domain/config/rooms.json)',
    roles: ['dispatcher', 'viewer'],
    response: RoomListSchema,
    handler: () => Promise.resolve(roomList),
  });

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/v1/calendars/rooms/:id',
      tag: 'calendars',
      summary: "A room's sessions in a window (default: the next 30 days)",
      roles: ['dispatcher', 'viewer'],
      params: IdParams,
      query: WindowQuery,
      response: CalendarSchema,
      handler: async ({ caller, params, query }) => {
        if (!roomById.has(params.id)) throw new NotFoundError('room', params.id);
        const w = windowOf(query);
        return {
          id: params.id,
          from: w.from.toISOString(),
          to: w.to.toISOString(),
          sessions: await store(caller.county).calendar('room', params.id, w.from, w.to),
        };
      },
    },
    [404],
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/v1/calendars/mediators/:id/sessions.ics',
      tag: 'calendars',
      summary: "A mediator's sessions as an iCalendar (.ics) feed: from 30 days ago to a year ahead",
      roles: ['dispatcher', 'viewer'],
      params: IdParams,
      responseDescription: 'text/calendar',
      handler: async ({ caller, params, res }) => {
        await writeIcs(caller.county, params.id, res);
        return undefined;
      },
    },
    [404],
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/v1/calendars/mediators/:id/feed-token',
      tag: 'calendars',
      summary: "A secret URL of the mediator's .ics feed for calendar apps (no API key needed); replaces any earlier one",
      description:
        'The URL is the only copy of the token: the service keeps its SHA-256. Give it to the mediator; ' +
        'POST again to replace it, DELETE to revoke it. Unknown or revoked URLs answer 404.',
      roles: ['dispatcher'],
      params: IdParams,
      status: 201,
      response: FeedUrlSchema,
      handler: async ({ caller, params }) => {
        await mustMediator(caller.county, params.id);
        const token = await issueFeedToken(deps.stores.feedTokens(caller.county), caller.county, params.id);
        return { url: feedPath(token) };
      },
    },
    [404],
  );

  defineRoute(
    router,
    registry,
    {
      method: 'delete',
      path: '/v1/calendars/mediators/:id/feed-token',
      tag: 'calendars',
      summary: "Revokes the mediator's secret .ics URL (it answers 404 from now on)",
      roles: ['dispatcher'],
      params: IdParams,
      status: 204,
      handler: async ({ caller, params, res }) => {
        if (!(await deps.stores.feedTokens(caller.county).revoke(params.id))) throw new NotFoundError('feed token of mediator', params.id);
        res.status(204).end();
        return undefined;
      },
    },
    [404],
  );
}
