import { z } from 'zod';
import { MediatorSchema } from '../../../domain';
import { CountyIdSchema } from '../../../domain/access';
import { CountyProfileSchema, CountyStatusSchema } from '../../../domain/config/county-profile';
import { loadDispatchConfig } from '../../../domain/config/load';
import { LabelSchema } from '../../../domain/labels';
import { ValidationError } from '../../../domain/errors';
import { addCounty, listCounties, setCountyStatus } from '../../../use-cases/counties/register-county';
import { checkRoster, importRoster } from '../../../use-cases/counties/import-roster';
import { parseRosterCsv, parseRosterJson, MAX_ROSTER_ROWS } from '../../../use-cases/counties/roster-csv';
import { defineRoute } from '../route';
import type { RouteTarget } from '../deps';

/** The path whose PUT also takes `text/csv` (app.ts reads that body as text before the JSON rule). */
export const ROSTER_PATH = '/v1/admin/counties/:id/roster';

const IdParams = z.object({ id: CountyIdSchema });

const AddReply = z
  .object({
    county: z.string(),
    outcome: z.enum(['created', 'updated', 'unchanged']),
    /** With `updated`: the profile fields that changed (`county.population`, `townships.t03`, `organizations.legal`). */
    fields: z.array(z.string()),
  })
  .meta({ id: 'CountyAddReply' });

const CountySummarySchema = z
  .object({
    id: z.string(),
    name: LabelSchema,
    status: CountyStatusSchema,
    version: z.number().int(),
    population: z.number().int(),
    townships: z.number().int(),
    villages: z.number().int(),
    organizations: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CountySummary' });

const StatusReply = z.object({ county: z.string(), status: CountyStatusSchema, changed: z.boolean() }).meta({ id: 'CountyStatusReply' });

const RosterReply = z
  .object({
    created: z.array(z.string()),
    updated: z.array(z.object({ id: z.string(), fields: z.array(z.string()) })),
    unchanged: z.array(z.string()),
  })
  .meta({ id: 'RosterImportReply' });

/** A use case's ValidationError about the body, its fields placed under `body`. */
function inBody(err: unknown): Error {
  if (!(err instanceof ValidationError)) return err instanceof Error ? err : new Error(String(err));
  const issues = err.issues.map((i) => ({
    field: i.field.startsWith('line ') ? `body: ${i.field}` : `body.${i.field}`.replace('.[', '['),
    reason: i.reason,
  }));
  return new ValidationError(issues);
}

/**
 * Provisioning counties (issue 21): installation admin keys (county "*") only — a county's own
 * admin key gets 403. Each handler calls one use case.
 */
export function countyRoutes({ router, registry, deps }: RouteTarget): void {
  const tierRules = loadDispatchConfig().tierRules;
  const clock = () => (deps.clock ?? (() => new Date()))();

  defineRoute(router, registry, {
    method: 'post',
    path: '/v1/admin/counties',
    tag: 'counties',
    summary: 'Register a county profile (or update it); idempotent',
    description:
      'The profile: `county` (id, names, population, seat), `townships` (villages with coordinates and populations, ' +
      'neighbours) and `organizations` — the documents of county.json and organizations.json in one. Every field is ' +
      'checked first (400 naming `details.field` and the reason; nothing written). The same profile again is ' +
      '`unchanged` and writes nothing; a changed one is `updated` naming the fields. Installation admin keys only.',
    roles: [],
    installationOnly: true,
    body: CountyProfileSchema,
    parseBody: (raw) => raw as z.infer<typeof CountyProfileSchema>,
    response: AddReply,
    handler: async ({ body }) => {
      try {
        return await addCounty(deps.stores.counties, body, { tierRules, now: clock() });
      } catch (err) {
        throw inBody(err);
      }
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/admin/counties',
    tag: 'counties',
    summary: 'The registered counties, by id, with their status and size',
    description: 'A county never registered is not listed: it runs on the embedded Shandan profile. Installation admin keys only.',
    roles: [],
    installationOnly: true,
    response: z.object({ counties: z.array(CountySummarySchema) }),
    handler: async () => ({ counties: await listCounties(deps.stores.counties) }),
  });

  for (const [action, status] of [
    ['disable', 'disabled'],
    ['enable', 'active'],
  ] as const) {
    defineRoute(
      router,
      registry,
      {
        method: 'post',
        path: `/v1/admin/counties/:id/${action}`,
        tag: 'counties',
        summary: action === 'disable' ? 'Disable a county: its referrals are refused, its queued work held' : 'Enable a disabled county',
        description:
          action === 'disable'
            ? 'While disabled, POST /v1/referrals and POST /v1/rebalance of the county answer 403 `county_disabled`, its nightly rebalance is skipped, and the dispatch worker holds ' +
              "the county's queued jobs (delayed and retried) until it is enabled. Idempotent (`changed: false`)."
            : 'Referrals are taken again and held jobs dispatched at their next try. Idempotent (`changed: false`).',
        roles: [],
        installationOnly: true,
        params: IdParams,
        response: StatusReply,
        handler: ({ params }) => setCountyStatus(deps.stores.counties, params.id, status, clock()),
      },
      [404],
    );
  }

  defineRoute(router, registry, {
    method: 'put',
    path: ROSTER_PATH,
    tag: 'counties',
    summary: "Import a county's mediators (CSV or JSON); idempotent",
    description:
      `A JSON array of mediators (or \`{"mediators": [...]}\`), or \`text/csv\` with the columns of docs/counties.md; at most ${MAX_ROSTER_ROWS} rows. ` +
      "Every row is checked first — the mediator schema and the county's geography and organisations — and one bad " +
      'row is 400 naming it (`body[3].capacity`, or `body: line 4: capacity` for CSV); nothing is written then. ' +
      'Mediators held with the same record are `unchanged` and not written; the same file twice changes nothing. ' +
      'Mediators held but absent from the file stay. Installation admin keys only.',
    roles: [],
    installationOnly: true,
    params: IdParams,
    body: z.union([z.array(MediatorSchema), z.object({ mediators: z.array(MediatorSchema) })]),
    parseBody: (raw) => raw as never,
    response: RosterReply,
    handler: async ({ params, req }) => {
      const body: unknown = req.body;
      const { config } = await deps.stores.countyConfigs.of(params.id);
      let mediators;
      try {
        mediators = checkRoster(typeof body === 'string' ? parseRosterCsv(body) : parseRosterJson(body), config);
      } catch (err) {
        throw inBody(err);
      }
      return importRoster(deps.stores.mediators(params.id), mediators);
    },
  });
}
