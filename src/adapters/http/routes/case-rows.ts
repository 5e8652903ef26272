import { z } from 'zod';
import { LIMITS } from '../../../domain/limits';
import { ServiceIdSchema } from '../../../domain/party-identifier';
import { CaseClassSchema, CaseStatusSchema, ChannelSchema } from '../../../domain';
import { CaseSchema, UnassignedReasonSchema } from '../../../domain/case';
import type { CaseQuery, CaseSummary } from '../../../use-cases/cases/case-records';
import { defineRoute } from '../route';
import { PageInfo, PageQuery, nextOffset } from '../paging';
import type { RouteTarget } from '../deps';

/** The filters every case listing takes (GET /v1/cases, /v1/cases/rows, /v1/cases/counts). */
export const CASE_FILTERS = {
  status: CaseStatusSchema.optional(),
  mediator: ServiceIdSchema.optional(),
  channel: ChannelSchema.optional(),
  /** The case's current class (escalation raises it). */
  class: CaseClassSchema.optional(),
  /** A township id (names: GET /v1/geography). */
  township: z.string().min(1).max(LIMITS.identifierLength).optional(),
  /** `true`: only cases not yet closed (not settled, returned to court or withdrawn). */
  open: z.enum(['true', 'false']).optional(),
  // issue 16 — intake
  /** Only cases imported from history (`backfilled`), or those whose deadline had passed at import (`overdue_at_import`). */
  flag: z.enum(['backfilled', 'overdue_at_import']).optional(),
};

type FilterInput = { readonly [K in keyof typeof CASE_FILTERS]?: z.infer<(typeof CASE_FILTERS)[K]> };

/** A listing's query as the store takes it. */
export function caseQueryOf(q: FilterInput): CaseQuery {
  const { flag, open, ...rest } = q;
  return { ...rest, ...(flag ? { flags: [flag] } : {}), ...(open === 'true' ? { open: true } : {}) };
}

/** Most rows one page of /v1/cases/rows holds: a county's open cases in one or two requests. */
const ROWS_PAGE_MAX = 5000;
/** Most ids one `ids` filter names. */
const ROWS_IDS_MAX = 200;

const RowsQuery = PageQuery.extend({
  ...CASE_FILTERS,
  /** Rows in this page (up to 5000). @defaultValue 1000 */
  limit: z.coerce.number().int().min(1).max(ROWS_PAGE_MAX).default(1000),
  /** Only these case ids, comma-separated (up to 200): a client refetching the cases events named. */
  ids: z
    .string()
    .max(ROWS_IDS_MAX * (LIMITS.identifierLength + 1))
    .transform((s) => s.split(',').filter((id) => id !== ''))
    .pipe(z.array(z.string().min(1).max(LIMITS.identifierLength)).max(ROWS_IDS_MAX))
    .optional(),
});

/**
 * One case as a board shows it: refs, state, deadline and who has it — no explanation, no party
 * refs (their count only). A tenth of a full case's size, so a county's open cases load at once.
 */
export const CaseRowSchema = z
  .object({
    id: z.string(),
    externalId: z.string(),
    status: CaseStatusSchema,
    channel: ChannelSchema,
    category: CaseSchema.shape.category,
    class: CaseClassSchema,
    classSource: CaseSchema.shape.classSource,
    township: z.string(),
    village: z.string(),
    referredAt: z.string(),
    deadlineAt: z.string(),
    /** How many parties (refs stay inside the service). */
    parties: z.number().int().min(1),
    /** The seats' mediators in seat order; empty while nobody has the case. */
    mediatorIds: z.array(z.string()),
    assignedBy: z.enum(['optimizer', 'dispatcher']).nullable(),
    assignedAt: z.string().nullable(),
    /** Why the last dispatch left it without a mediator (status `unassigned`). */
    unassignedReason: UnassignedReasonSchema.optional(),
    /** Status `proposed`: the proposed mediators, and when the proposal is committed if nobody decides. */
    proposal: z.object({ mediatorIds: z.array(z.string()), expiresAt: z.string() }).optional(),
  })
  .meta({ id: 'CaseRow' });
type CaseRow = z.infer<typeof CaseRowSchema>;

function caseRowOf(c: CaseSummary): CaseRow {
  return {
    id: c.id,
    externalId: c.externalId,
    status: c.status,
    channel: c.channel,
    category: c.category,
    class: c.class,
    classSource: c.classSource,
    township: c.township,
    village: c.village,
    referredAt: c.referredAt,
    deadlineAt: c.deadlineAt,
    parties: c.parties,
    mediatorIds: c.assignment?.mediatorIds ?? [],
    assignedBy: c.assignment?.by ?? null,
    assignedAt: c.assignment?.assignedAt ?? null,
    ...(c.unassignedReason ? { unassignedReason: c.unassignedReason } : {}),
    ...(c.proposal ? { proposal: { mediatorIds: c.proposal.mediatorIds, expiresAt: c.proposal.expiresAt } } : {}),
  };
}

/** The listing filters but `status`: the counts are per status. */
const CountsQuery = z.strictObject(CASE_FILTERS).omit({ status: true });

/**
 * The board's two reads: compact rows and counts per status. Registered before GET /v1/cases/:id,
 * which would otherwise take `rows` and `counts` for case ids.
 */
export function caseRowRoutes({ router, registry, deps }: RouteTarget): void {
  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/cases/rows',
    tag: 'cases',
    summary: 'Cases as compact board rows (refs, state, deadline, mediators, unassigned reason), filtered and paged',
    description:
      'The filters of GET /v1/cases, plus `ids` (comma-separated, up to 200) to refetch the cases events named. Oldest referral first; ' +
      `up to ${ROWS_PAGE_MAX} rows a page (default 1000). No party refs and no explanations: GET /v1/cases/{id} has the whole case.`,
    roles: ['dispatcher', 'viewer'],
    query: RowsQuery,
    response: z.object({ rows: z.array(CaseRowSchema), ...PageInfo }),
    handler: async ({ caller, query }) => {
      const { ids, limit, offset, ...filters } = query;
      const { total, cases } = await deps.stores
        .cases(caller.county)
        .listSummaries({ ...caseQueryOf(filters), ...(ids ? { ids } : {}), limit, offset });
      return { rows: cases.map(caseRowOf), total, nextOffset: nextOffset(query, cases.length, total) };
    },
  });

  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/cases/counts',
    tag: 'cases',
    summary: 'How many cases are in each status, over the filters of GET /v1/cases (status aside)',
    description: 'Statuses no matching case is in are left out; `total` is their sum. With `open=true`, closed statuses are left out.',
    roles: ['dispatcher', 'viewer'],
    query: CountsQuery,
    response: z.object({
      total: z.number().int().min(0),
      byStatus: z.partialRecord(CaseStatusSchema, z.number().int().min(0)),
    }),
    handler: async ({ caller, query }) => {
      const byStatus = await deps.stores.cases(caller.county).countByStatus(caseQueryOf(query));
      const total = Object.values(byStatus).reduce((a, n) => a + n, 0);
      return { total, byStatus };
    },
  });
}
