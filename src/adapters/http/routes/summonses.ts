import { z } from 'zod';
import { DepartmentIdSchema } from '../../../domain/config/departments-config';
import { ConflictError, NotFoundError, ValidationError } from '../../../domain/errors';
import { InstantSchema } from '../../../domain/instant';
import { LIMITS } from '../../../domain/limits';
import { IdentifierSchema } from '../../../domain/party-identifier';
import {
  MAX_DEPARTMENTS_PER_SUMMONS,
  requestableSummonsActions,
  SUMMONS_REASON_MAX,
  SummonsActionSchema,
  SummonsSchema,
  SummonsStatusSchema,
  type Summons,
} from '../../../domain/summons/summons';
import { issueSummonses } from '../../../use-cases/summons/issue-summonses';
import { actOnStoredSummons, type SummonsActOutcome } from '../../../use-cases/summons/summons-actions';
import { monthPeriod } from '../../../use-cases/reports/period';
import { PageInfo, PageQuery, pageOf } from '../paging';
import { defineRoute, parsePart } from '../route';
import type { RouteTarget } from '../deps';
import { LocalMonthSchema } from '../../../domain/instant';

const IdParams = z.object({ id: z.string().min(1).max(LIMITS.identifierLength) });

export const SummonsViewSchema = SummonsSchema.extend({
  /** What the summons routes accept now (acknowledge, check_in, cancel); `miss` is the clock's. */
  allowedActions: z.array(SummonsActionSchema),
}).meta({ id: 'SummonsView' });

function view(s: Summons): z.infer<typeof SummonsViewSchema> {
  return { ...s, allowedActions: requestableSummonsActions(s.status) };
}

const IssueBody = z
  .strictObject({
    /** Departments to summon (ids of GET /v1/departments), one summons each. */
    departments: z.array(DepartmentIdSchema).min(1).max(MAX_DEPARTMENTS_PER_SUMMONS),
    /** Why they are summoned: the matter, never a party's personal data. */
    reason: z.string().trim().min(1).max(SUMMONS_REASON_MAX),
    /** When they must have arrived (RFC 3339, in the future). */
    requiredBy: InstantSchema,
    /** The session they are summoned to, when any. */
    sessionId: IdentifierSchema.optional(),
  })
  .meta({ id: 'SummonsRequest' });

const CheckInBody = z
  .strictObject({
    /** When the department arrived, if not now (a check-in recorded afterwards). @defaultValue now */
    arrivedAt: InstantSchema.optional(),
  })
  .meta({ id: 'SummonsCheckIn' });

const CancelBody = z.strictObject({ reason: z.string().trim().min(1).max(LIMITS.freeText).optional() }).meta({ id: 'SummonsCancel' });

const ListQuery = PageQuery.extend({
  department: DepartmentIdSchema.optional(),
  status: SummonsStatusSchema.optional(),
  /** Summonses whose requiredBy falls in this local month (China Standard Time). */
  month: LocalMonthSchema.optional(),
});

const SummonsList = z.object({ items: z.array(SummonsViewSchema), ...PageInfo }).meta({ id: 'SummonsList' });

/** An action's outcome as the reply, or the error the API answers with. */
function replyOf(out: SummonsActOutcome, id: string): z.infer<typeof SummonsViewSchema> {
  switch (out.status) {
    case 'ok':
      return view(out.summons);
    case 'not_found':
      throw new NotFoundError('summons', id);
    case 'illegal':
      throw new ConflictError(`"${out.action}" is not allowed while the summons is ${out.from}`, {
        current: out.from,
        action: out.action,
        allowed: out.allowed,
      });
    case 'invalid':
      throw new ValidationError([{ field: out.field, reason: out.reason }]);
    case 'conflict':
      throw new ConflictError('the summons changed concurrently; try again', { reason: 'concurrent_change' });
  }
}

/** 中心吹哨、部门报到: summon departments to a case, and record their acknowledgement, arrival or cancellation. */
export function summonsRoutes({ router, registry, deps }: RouteTarget): void {
  const store = (county: string) => deps.stores.summonses(county);
  const now = () => (deps.clock ?? (() => new Date()))();

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/v1/cases/:id/summonses',
      tag: 'summons',
      summary: 'Summon one or more departments to a case by a required arrival time (中心吹哨)',
      description:
        'One summons per department, each `issued` with a `summons.issued` event. A department not on the county roster, named twice, or a ' +
        '`requiredBy` not in the future is a 400 naming the field; a closed case a 409. Retrying the same request returns the open summonses ' +
        'it made instead of summoning twice. The legal clock reminds before `requiredBy` and marks a summons missed (escalated to the director) after the grace.',
      roles: ['dispatcher'],
      params: IdParams,
      body: IssueBody,
      status: 201,
      response: z.object({ items: z.array(SummonsViewSchema), created: z.number().int() }),
      handler: async ({ caller, params, body }) => {
        const cases = deps.stores.cases(caller.county);
        const out = await issueSummonses(
          { store: store(caller.county), caseOf: (id) => cases.get(id), settings: await deps.stores.summonsSettings(caller.county).get() },
          { caseId: params.id, ...body },
          { by: caller.label, now: now() },
        );
        switch (out.status) {
          case 'not_found':
            throw new NotFoundError('case', params.id);
          case 'closed_case':
            throw new ConflictError(`departments are summoned to open cases; the case is ${out.caseStatus}`, { current: out.caseStatus });
          case 'invalid':
            throw new ValidationError([{ field: out.field, reason: out.reason }]);
        }
        deps.log.info(
          { county: caller.county, caseId: params.id, departments: body.departments, created: out.created, by: caller.label },
          'summonses issued',
        );
        return { items: out.summonses.map(view), created: out.created };
      },
    },
    [404, 409],
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/v1/cases/:id/summonses',
      tag: 'summons',
      summary: 'The summonses of a case, earliest required arrival first',
      roles: ['dispatcher', 'viewer', 'court'],
      params: IdParams,
      response: z.object({ items: z.array(SummonsViewSchema) }),
      handler: async ({ caller, params }) => {
        const items = await store(caller.county).listByCase(params.id);
        if (
          items.length === 0 &&
          !(await deps.stores.cases(caller.county).get(params.id)) &&
          !(await deps.stores.archive(caller.county).get(params.id)) &&
          !(await deps.stores.ledgerCases?.(caller.county).get(params.id))
        )
          throw new NotFoundError('case', params.id);
        return { items: items.map(view) };
      },
    },
    [404],
  );

  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/summonses',
    tag: 'summons',
    summary: "The county's summonses, filtered by department, status and the local month of requiredBy",
    roles: ['dispatcher', 'viewer', 'court'],
    query: ListQuery,
    response: SummonsList,
    handler: async ({ caller, query }) => {
      const period = query.month === undefined ? {} : monthPeriod(query.month);
      const all = await store(caller.county).list({
        ...(query.department === undefined ? {} : { department: query.department }),
        ...(query.status === undefined ? {} : { status: query.status }),
        ...period,
      });
      const page = pageOf(all, query);
      return { ...page, items: page.items.map(view) };
    },
  });

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/v1/summonses/:id',
      tag: 'summons',
      summary: 'One summons with its history and the actions it allows now',
      roles: ['dispatcher', 'viewer', 'court'],
      params: IdParams,
      response: SummonsViewSchema,
      handler: async ({ caller, params }) => {
        const s = await store(caller.county).get(params.id);
        if (!s) throw new NotFoundError('summons', params.id);
        return view(s);
      },
    },
    [404],
  );

  const action = (
    path: string,
    act: 'acknowledge' | 'check_in' | 'cancel',
    summary: string,
    roles: readonly ('dispatcher' | 'court')[],
    body?: z.ZodType,
  ) =>
    defineRoute(
      router,
      registry,
      {
        method: 'post',
        path,
        tag: 'summons',
        summary,
        description:
          "An action the summons's state does not allow (e.g. cancel after check-in) is a 409 whose details carry `current` and `allowed`. " +
          "A department key (role `court`, the systems' role) or a dispatcher may acknowledge and check in; only a dispatcher cancels.",
        roles,
        params: IdParams,
        ...(body ? { body, parseBody: (raw: unknown): unknown => parsePart(body, raw ?? {}, 'body') } : {}),
        response: SummonsViewSchema,
        handler: async ({ caller, params, body: b }) => {
          const input = (b ?? {}) as { arrivedAt?: string; reason?: string };
          const at = now();
          const out = await actOnStoredSummons(store(caller.county), params.id, {
            action: act,
            by: caller.label,
            at,
            ...(input.arrivedAt === undefined ? {} : { arrivedAt: new Date(input.arrivedAt) }),
            ...(input.reason === undefined ? {} : { reason: input.reason }),
          });
          const reply = replyOf(out, params.id);
          deps.log.info(
            { county: caller.county, summonsId: params.id, action: act, status: reply.status, by: caller.label },
            'summons action',
          );
          return reply;
        },
      },
      [404, 409],
    );

  action('/v1/summonses/:id/acknowledge', 'acknowledge', 'The department acknowledges the summons (收到)', ['dispatcher', 'court']);
  action(
    '/v1/summonses/:id/check-in',
    'check_in',
    'The department arrived (报到): on time iff arrivedAt ≤ requiredBy',
    ['dispatcher', 'court'],
    CheckInBody,
  );
  action('/v1/summonses/:id/cancel', 'cancel', 'Cancel a summons not yet checked in or missed', ['dispatcher'], CancelBody);
}
