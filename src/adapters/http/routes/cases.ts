import { z } from 'zod';
import { LIMITS } from '../../../domain/limits';
import { ServiceIdSchema } from '../../../domain/party-identifier';
import { CaseSchema, type Case } from '../../../domain';
import { loadLifecycleConfig } from '../../../domain/config/lifecycle-config';
import { assignByHand, HAND_ASSIGNABLE_STATUSES } from '../../../use-cases/cases/assign-by-hand';
import { ConflictError, NotFoundError } from '../../../domain/errors';
import { ArchivedCaseSchema, type ArchivedCase } from '../../../domain/lifecycle/archive';
import type { CaseRecords } from '../../../use-cases/cases/case-records';
import type { DispatchStore } from '../../../use-cases/dispatch/dispatch-port';
import { CandidatesReplySchema, rankCandidates } from '../../../use-cases/candidates/rank-candidates';
import { readSnapshot } from '../../../use-cases/dispatch/read-snapshot';
import { defineRoute } from '../route';
import { PageInfo, PageQuery, nextOffset } from '../paging';
import type { RouteTarget } from '../deps';
import { LangQuery, requestLocale } from '../locale';
import { explanationIn, withExplanationsIn } from '../../../use-cases/candidates/explanation-locale';
import type { Locale } from '../../../domain/i18n/locale';
import { CASE_FILTERS, caseQueryOf, caseRowRoutes } from './case-rows';

const CaseView = CaseSchema.meta({ id: 'Case' });
/** A closed case past the retention period: its compact record, marked `archived: true`. */
const ArchivedCaseView = ArchivedCaseSchema.extend({ archived: z.literal(true) }).meta({ id: 'ArchivedCase' });
const IdParams = z.object({ id: z.string().min(1).max(200) });

const CaseListQuery = PageQuery.extend(CASE_FILTERS);

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

/** The case with every seat's explanation in the locale: the assignment's, and a proposal's (issue 15: the case page). */
function caseIn(c: Case, locale: Locale): Case {
  const localized = withExplanationsIn(c, locale);
  const p = c.proposal;
  if (!p) return localized;
  const seats = p.seats.map((s) => (s.explanation ? { ...s, explanation: explanationIn(s.explanation, locale) } : s));
  return { ...localized, proposal: { ...p, seats } };
}

export function caseRoutes(target: RouteTarget): void {
  const { router, registry, deps } = target;
  // Before /v1/cases/:id, which would take `rows` and `counts` for ids.
  caseRowRoutes(target);
  // The county's own geography and organisations (its registered profile, else the embedded ones).
  const configOf = async (county: string) => (await deps.stores.countyConfigs.of(county)).config;
  const lifecycle = loadLifecycleConfig();
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
    // With a ledger, retention evicts closed cases from Redis: the ledger's copy of the record answers.
    const evicted = await deps.stores.ledgerCases?.(county).get(id);
    if (evicted) return evicted;
    throw new NotFoundError('case', id);
  };

  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/cases',
    tag: 'cases',
    summary: 'List cases, filtered by status, mediator, channel, class, township, open and intake flag (paged)',
    roles: ['dispatcher', 'viewer'],
    query: CaseListQuery,
    response: z.object({ cases: z.array(CaseView), ...PageInfo }),
    handler: async ({ caller, query }) => {
      const { limit, offset, ...filters } = query;
      const { total, cases: page } = await cases(caller.county).list({ ...caseQueryOf(filters), limit, offset });
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
        'with a ledger (DATABASE_URL) such a case leaves Redis instead and answers 200 with its record as the ledger keeps it; ' +
        'the other case routes answer 404 for it, and listings no longer include it. ' +
        'Each seat’s explanation — of the assignment, and of a proposal awaiting confirmation — carries `summary` and `reasons` in the language ' +
        'of `?lang=` or `Accept-Language` (zh-CN by default), and `words` in every language.',
      roles: ['dispatcher', 'viewer'],
      params: IdParams,
      query: LangQuery,
      response: z.union([CaseView, ArchivedCaseView]),
      handler: async ({ caller, params, req }) => {
        const c = await caseOrArchived(caller.county, params.id);
        return 'archived' in c ? c : caseIn(c, requestLocale(req));
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
        const [c, snap, config] = await Promise.all([mustGet(cases(caller.county), params.id), readSnapshot(s), configOf(caller.county)]);
        return rankCandidates(c, snap, config, body.k, new Date(), locale);
      },
    },
    [404],
  );

  const assignByHandRoute = async (caller: { county: string; label: string }, id: string, body: z.infer<typeof PinBodySchema>) => {
    const records = cases(caller.county);
    const c = await mustGet(records, id);
    const out = await assignByHand(c, body, {
      dispatch: store(caller.county),
      reassign: deps.stores.reassign(caller.county),
      audit: deps.stores.audit(caller.county),
      config: await configOf(caller.county),
      lifecycle,
      by: caller.label,
      now: new Date(),
    });
    const current = async () => {
      const now = await records.get(id);
      return { status: now?.status ?? null, mediatorIds: now?.assignment?.mediatorIds ?? [], by: now?.assignment?.by ?? null };
    };
    switch (out.status) {
      case 'not_movable':
        throw new ConflictError(`a case that is ${out.current} cannot be assigned by hand`, {
          current: { status: out.current },
          assignableFrom: HAND_ASSIGNABLE_STATUSES,
        });
      case 'rule_broken':
        throw new ConflictError('the choice breaks the hard rules' + (out.hard ? '' : ' (force with a reason to override)'), {
          violations: out.violations,
        });
      case 'unchanged':
        throw new ConflictError('the case is already pinned to these mediators', { current: await current() });
      case 'refused':
        throw new ConflictError(`the store refused the assignment: ${out.reason}`, {
          reason: out.reason,
          ...(out.mediatorId ? { mediatorId: out.mediatorId } : {}),
          current: await current(),
        });
    }
    deps.log.info(
      { county: caller.county, caseId: c.id, mediatorIds: body.mediatorIds, force: body.force, by: caller.label, from: c.status },
      out.status === 'pinned' ? 'case pinned' : 'case reassigned by a dispatcher',
    );
    return mustGet(records, c.id);
  };

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/v1/cases/:id/assignment',
      tag: 'cases',
      summary: 'Assign or reassign a case by hand: waiting, assigned, accepted or session_scheduled (pinned, audited)',
      description:
        'A dispatcher has the last word before, during and after automatic dispatch. On a waiting case (`referred`, `unassigned`) this pins it; ' +
        'on a case already assigned and not yet in mediation (`assigned`, `accepted`, `session_scheduled`) it reassigns it: in one atomic step the old ' +
        "mediators' loads go down and the new ones' up, sessions booked with a departing mediator are cancelled (a `session_scheduled` case returns to " +
        '`accepted`), the case history gains a `reassign` entry with the caller and the reason, and a `case.reassigned` event (`by: dispatcher`, ' +
        '`actor`, `reason`) goes to SSE and webhooks. Either way the case is pinned (`assignment.by: dispatcher`): the nightly rebalance leaves it alone. ' +
        'The choice must pass the hard rules unless `force` is true with a `reason` (audited); capacity is always enforced. ' +
        '409 `conflict`: the case is in mediation or closed (details `current`, `assignableFrom`); a rule is broken without force (`violations`); ' +
        'a mediator is full, on leave or unknown; or the case changed while the request ran — a dispatch or another move won — with the current ' +
        'state in `details.current` (status and mediators): read it and decide again.',
      roles: ['dispatcher'],
      params: IdParams,
      body: PinBodySchema,
      response: CaseView,
      handler: async ({ caller, params, body }) => assignByHandRoute(caller, params.id, body),
    },
    [404, 409],
  );
}
