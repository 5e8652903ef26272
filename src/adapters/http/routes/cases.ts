import { z } from 'zod';
import { LIMITS } from '../../../domain/limits';
import { ServiceIdSchema } from '../../../domain/party-identifier';
import { CaseSchema, CaseStatusSchema, ChannelSchema, type Case } from '../../../domain';
import { loadDispatchConfig } from '../../../domain/config/load';
import { ConflictError, NotFoundError } from '../../../domain/errors';
import { ArchivedCaseSchema, type ArchivedCase } from '../../../domain/lifecycle/archive';
import type { CaseRecords } from '../../../use-cases/cases/case-records';
import type { DispatchStore } from '../../../use-cases/dispatch/dispatch-port';
import { checkPin, CandidatesReplySchema, rankCandidates } from '../../../use-cases/candidates/rank-candidates';
import { readSnapshot } from '../../../use-cases/dispatch/read-snapshot';
import { defineRoute } from '../route';
import { PageInfo, PageQuery, nextOffset } from '../paging';
import type { RouteTarget } from '../deps';
import { LangQuery, requestLocale } from '../locale';
import { withExplanationsIn } from '../../../use-cases/candidates/explanation-locale';

const CaseView = CaseSchema.meta({ id: 'Case' });
/** A closed case past the retention period: its compact record, marked `archived: true`. */
const ArchivedCaseView = ArchivedCaseSchema.extend({ archived: z.literal(true) }).meta({ id: 'ArchivedCase' });
const IdParams = z.object({ id: z.string().min(1).max(200) });

const CaseListQuery = PageQuery.extend({
  status: CaseStatusSchema.optional(),
  mediator: ServiceIdSchema.optional(),
  channel: ChannelSchema.optional(),
  // issue 16 — intake
  /** Only cases imported from history (`backfilled`), or those whose deadline had passed at import (`overdue_at_import`). */
  flag: z.enum(['backfilled', 'overdue_at_import']).optional(),
});

const CandidatesBody = z.strictObject({
  /** Candidates per seat. @defaultValue 5 */
  k: z.number().int().min(1).max(50).default(5),
});

export const PinBodySchema = z
  .strictObject({
    /** One mediator per seat, in seat order (major cases: gold lead, then expert). */
    mediatorIds: z.array(ServiceIdSchema).min(1).max(LIMITS.seats),
    /** Accept a choice that breaks the hard rules (tier, recusal, leave…). Capacity is never overridden. */
    force: z.boolean().default(false),
    /** Why; required with force. Kept in the audit trail. */
    reason: z.string().min(3).max(500).optional(),
  })
  .refine((b) => !b.force || !!b.reason, { message: 'a reason is required with force', path: ['reason'] })
  .meta({ id: 'PinRequest' });

export function caseRoutes({ router, registry, deps }: RouteTarget): void {
  const config = loadDispatchConfig();
  const cases = (county: string): CaseRecords => deps.stores.cases(county);
  const store = (county: string): DispatchStore => deps.stores.dispatch(county);
  const mustGet = async (records: CaseRecords, id: string): Promise<Case> => {
    const c = await records.get(id);
    if (!c) throw new NotFoundError('case', id);
    return c;
  };

  const caseOrArchived = async (county: string, id: string): Promise<Case | (ArchivedCase & { archived: true })> => {
    const c = await cases(county).get(id);
    if (c) return c;
    const archived = await deps.stores.archive(county).get(id);
    if (archived) return { ...archived, archived: true };
    throw new NotFoundError('case', id);
  };

  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/cases',
    tag: 'cases',
    summary: 'List cases, filtered by status, mediator, channel and intake flag (paged)',
    roles: ['dispatcher', 'viewer'],
    query: CaseListQuery,
    response: z.object({ cases: z.array(CaseView), ...PageInfo }),
    handler: async ({ caller, query }) => {
      const { flag, ...filters } = query;
      const { total, cases: page } = await cases(caller.county).list({ ...filters, ...(flag ? { flags: [flag] } : {}) });
      return { cases: page, total, nextOffset: nextOffset(query, page.length, total) };
    },
  });

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/v1/cases/:id',
      tag: 'cases',
      summary: 'A case: state, assignment and its explanation',
      description:
        'A closed case archived after the retention period (RETENTION_DAYS) answers 200 with its compact record and `archived: true`; ' +
        'the other case routes answer 404 for it, and listings no longer include it. ' +
        'Each seat’s explanation carries `summary` and `reasons` in the language of `?lang=` or `Accept-Language` (zh-CN by default), and `words` in every language.',
      roles: ['dispatcher', 'viewer'],
      params: IdParams,
      query: LangQuery,
      response: z.union([CaseView, ArchivedCaseView]),
      handler: async ({ caller, params, req }) => {
        const c = await caseOrArchived(caller.county, params.id);
        return 'archived' in c ? c : withExplanationsIn(c, requestLocale(req));
      },
    },
    [404],
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/v1/cases/:id/candidates',
      tag: 'cases',
      summary: 'The k best mediators per seat with the cost by term; commits nothing',
      description:
        'Each candidate is named (name, tier, organisation, township, village) with a `summary` and `reasons` (the deciding one first) ' +
        'in the language of `?lang=` or `Accept-Language` (zh-CN by default). The case’s current mediator is marked `current: true` ' +
        'and priced without this case’s own load.',
      roles: ['dispatcher'],
      params: IdParams,
      query: LangQuery,
      body: CandidatesBody,
      response: CandidatesReplySchema,
      handler: async ({ caller, params, body, req }) => {
        const locale = requestLocale(req);
        const s = store(caller.county);
        const [c, snap] = await Promise.all([mustGet(cases(caller.county), params.id), readSnapshot(s)]);
        return rankCandidates(c, snap, config, body.k, new Date(), locale);
      },
    },
    [404],
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/v1/cases/:id/assignment',
      tag: 'cases',
      summary: 'Assign a waiting case by hand (pinned, audited)',
      description:
        'The choice must pass the hard rules unless `force` is true with a `reason`; capacity is always enforced. ' +
        '409 when the case is no longer waiting, a mediator is full or on leave, or a rule is broken without force.',
      roles: ['dispatcher'],
      params: IdParams,
      body: PinBodySchema,
      response: CaseView,
      handler: async ({ caller, params, body }) => {
        const s = store(caller.county);
        const records = cases(caller.county);
        const [c, snap] = await Promise.all([mustGet(records, params.id), readSnapshot(s)]);
        const { violations, seats } = checkPin(c, body.mediatorIds, snap, config);
        const hard = violations.filter((v) => v.rule === 'seat_count' || v.rule === 'unknown_mediator');
        if (hard.length > 0 || (violations.length > 0 && !body.force)) {
          throw new ConflictError('the choice breaks the hard rules' + (hard.length ? '' : ' (force with a reason to override)'), {
            violations,
          });
        }
        const assignment = {
          mediatorIds: [...body.mediatorIds],
          seats,
          cost: seats.reduce((a, x) => a + x.cost, 0),
          assignedAt: new Date().toISOString(),
          by: 'dispatcher' as const,
        };
        const result = await s.commitAssignments([{ caseId: c.id, assignment }]);
        const refusal = result.refused[0];
        if (refusal) throw new ConflictError(`the store refused the assignment: ${refusal.reason}`, refusal);
        await deps.stores.audit(caller.county).append({
          action: 'pin',
          caseId: c.id,
          mediatorIds: body.mediatorIds,
          by: caller.label,
          force: body.force,
          ...(body.reason ? { reason: body.reason } : {}),
          ...(violations.length ? { violations } : {}),
        });
        deps.log.info(
          { county: caller.county, caseId: c.id, mediatorIds: body.mediatorIds, force: body.force, by: caller.label },
          'case pinned',
        );
        return mustGet(records, c.id);
      },
    },
    [404, 409],
  );
}
