import { z } from 'zod';
import { LabelSchema, LeavePeriodSchema, MediatorSchema, MediatorStatusSchema, TierSchema, type Mediator } from '../../../domain';
import { organizationNamer, type OrganizationNamer } from '../../../domain/config/organization-names';
import type { DispatchConfig } from '../../../domain/config/schema';
import { parseDateOrInstant } from '../../../domain/instant';
import { DAY_MS } from '../../../domain/time';
import { NotFoundError } from '../../../domain/errors';
import { LIMITS } from '../../../domain/limits';
import { defineRoute } from '../route';
import { PAGE_MAX, PageInfo, PageQuery, pageOf } from '../paging';
import type { RouteTarget } from '../deps';

const IdParams = z.object({ id: z.string().min(1).max(LIMITS.identifierLength) });

export const MediatorViewSchema = MediatorSchema.extend({
  /** Open seats right now. */
  load: z.number().int().min(0),
  /** The organisation's name (configured, or the village's committee for the village tier). */
  organizationName: LabelSchema,
}).meta({ id: 'Mediator' });

const MediatorListQuery = PageQuery.extend({
  tier: TierSchema.optional(),
  status: MediatorStatusSchema.optional(),
  township: z.string().max(LIMITS.identifierLength).optional(),
});

/**
 * A period that ends before it starts covers no time at all: almost surely the two dates swapped
 * in a form, so it is refused rather than stored as a leave that never applies.
 */
function untilNotBeforeFrom(p: z.infer<typeof LeavePeriodSchema>, ctx: z.RefinementCtx): void {
  const from = parseDateOrInstant(p.from);
  const until = parseDateOrInstant(p.until);
  // A bare date as `until` means the whole of that day (as isOnLeave reads it).
  const end = until === null ? null : until + (p.until.length <= 10 ? DAY_MS - 1 : 0);
  if (from !== null && end !== null && end < from) {
    ctx.addIssue({ code: 'custom', path: ['until'], message: 'must not be before from' });
  }
}

/** Status, leave and capacity: what a dispatcher changes day to day. */
export const MediatorPatchSchema = z
  .strictObject({
    status: MediatorStatusSchema.optional(),
    leave: z.array(LeavePeriodSchema.superRefine(untilNotBeforeFrom)).max(LIMITS.leavePeriods).optional(),
    capacity: MediatorSchema.shape.capacity.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'give at least one of status, leave, capacity')
  .meta({ id: 'MediatorPatch' });

/** Most mediators in one PUT. */
export const MEDIATORS_MAX_PER_REQUEST = 5000;

function viewer(nameOf: OrganizationNamer) {
  return (m: Mediator, load: number) => ({ ...m, load, organizationName: nameOf(m) });
}

/** One namer per county configuration: the configuration object changes only with the county's profile. */
const viewers = new WeakMap<DispatchConfig, ReturnType<typeof viewer>>();
function viewerOf(config: DispatchConfig): ReturnType<typeof viewer> {
  const hit = viewers.get(config);
  if (hit) return hit;
  const made = viewer(organizationNamer(config));
  viewers.set(config, made);
  return made;
}

export function mediatorRoutes({ router, registry, deps }: RouteTarget): void {
  const repo = (county: string) => deps.stores.mediators(county);
  // The county's own organisations and villages name a mediator's organisation.
  const viewFor = async (county: string) => viewerOf((await deps.stores.countyConfigs.of(county)).config);

  defineRoute(router, registry, {
    method: 'put',
    path: '/v1/mediators',
    tag: 'mediators',
    summary: 'Insert or replace mediators (bulk)',
    description: `Up to ${MEDIATORS_MAX_PER_REQUEST} mediators; each replaces the record with the same id.`,
    roles: [],
    body: z.array(MediatorSchema).min(1).max(MEDIATORS_MAX_PER_REQUEST),
    response: z.object({ created: z.number(), updated: z.number() }),
    handler: async ({ caller, body }) => repo(caller.county).upsert(body),
  });

  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/mediators',
    tag: 'mediators',
    summary: 'List mediators with their current load (paged, by id)',
    description: `\`limit\` (default 100, at most ${PAGE_MAX}) mediators from \`offset\`, ordered by id; \`nextOffset\` is the next page's offset, null on the last.`,
    roles: ['dispatcher', 'viewer'],
    query: MediatorListQuery,
    response: z.object({ mediators: z.array(MediatorViewSchema), ...PageInfo }),
    handler: async ({ caller, query }) => {
      const r = repo(caller.county);
      const [all, loads] = await Promise.all([r.list(), r.loads()]);
      const matching = all
        .filter((m) => (!query.tier || m.tier === query.tier) && (!query.status || m.status === query.status))
        .filter((m) => !query.township || m.township === query.township)
        // By id, so an offset names the same place from one page to the next.
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const { items, total, nextOffset } = pageOf(matching, query);
      const view = await viewFor(caller.county);
      return { mediators: items.map((m) => view(m, loads.get(m.id) ?? 0)), total, nextOffset };
    },
  });

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/v1/mediators/:id',
      tag: 'mediators',
      summary: 'One mediator with the current load',
      roles: ['dispatcher', 'viewer'],
      params: IdParams,
      response: MediatorViewSchema,
      handler: async ({ caller, params }) => {
        const r = repo(caller.county);
        const m = await r.get(params.id);
        if (!m) throw new NotFoundError('mediator', params.id);
        return (await viewFor(caller.county))(m, await r.load(m.id));
      },
    },
    [404],
  );

  defineRoute(
    router,
    registry,
    {
      method: 'patch',
      path: '/v1/mediators/:id',
      tag: 'mediators',
      summary: 'Change status, leave or capacity',
      description: 'Lowering capacity below the current load keeps the open cases and stops new ones.',
      roles: ['dispatcher'],
      params: IdParams,
      body: MediatorPatchSchema,
      response: MediatorViewSchema,
      handler: async ({ caller, params, body }) => {
        const r = repo(caller.county);
        const m = await r.get(params.id);
        if (!m) throw new NotFoundError('mediator', params.id);
        const next: Mediator = { ...m, ...body };
        await r.upsert([next]);
        deps.log.info({ county: caller.county, mediatorId: m.id, by: caller.label, fields: Object.keys(body) }, 'mediator updated');
        return (await viewFor(caller.county))(next, await r.load(m.id));
      },
    },
    [404],
  );
}
