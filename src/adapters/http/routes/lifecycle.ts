import { z } from 'zod';
import { omit } from '../../../domain/omit';
import {
  DISPATCH_ACTIONS,
  isOpen,
  LifecycleActionSchema,
  requestableActions,
  TransitionRecordSchema,
} from '../../../domain/lifecycle/state-machine';
import { LifecycleCommandSchema } from '../../../domain/lifecycle-command';
import { AttemptSchema, type CaseFile } from '../../../domain/lifecycle-file';
import { CaseStatusSchema } from '../../../domain/case';
import { ConsentRecordSchema } from '../../../domain/consent';
import { FulfilmentSchema, SettlementSchema } from '../../../domain/fulfilment';
import { SessionSchema } from '../../../domain/session';
import { loadLifecycleConfig } from '../../../domain/config/lifecycle-config';
import { loadRoomsConfig } from '../../../domain/config/rooms-config';
import { loadPanelRules } from '../../../domain/config/panel-rules-config';
import { panelRoomKinds } from '../../../cost-model/panel-plan';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../../domain/errors';
import { LIMITS } from '../../../domain/limits';
import { planSessions } from '../../../use-cases/lifecycle/session-planning';
import { checkBudget } from '../../../use-cases/lifecycle/budget';
import { loadSubsidyConfig } from '../../../domain/config/subsidy-config';
import { applyCommand, tickAll } from '../../../use-cases/lifecycle/lifecycle-commands';
import { applyFulfilment } from '../../../use-cases/lifecycle/after-agreement';
import { AgreementActionSchema } from '../../../domain/agreement';
import { NoticeSchema } from '../../../domain/fulfilment';
import { allowedAgreementActions } from '../../../domain/lifecycle/agreement-machine';
import { fileOrThrow } from '../after-agreement-reply';
import { enqueueDispatchAll } from '../../queue/queues';
import { expireProposals, expiryCounts } from '../../../use-cases/dispatch/proposals';
import { cancelSummonsesOfCase, tickSummonses } from '../../../use-cases/summons/summons-clock-run';
import { caseStandingReader, standingOf } from '../../../use-cases/summons/summons-case-standing';
import { defineRoute } from '../route';
import type { RouteTarget } from '../deps';

const IdParams = z.object({ id: z.string().min(1).max(LIMITS.identifierLength) });

export const CaseHistorySchema = z
  .object({
    caseId: z.string(),
    status: CaseStatusSchema,
    /** What POST /v1/cases/{id}/transitions accepts now; assignments go through POST /v1/cases/{id}/assignment. */
    allowedActions: z.array(LifecycleActionSchema),
    class: z.string(),
    termEndsAt: z.string().nullable(),
    termExtensionDays: z.number(),
    excludedMediatorIds: z.array(z.string()),
    attempts: z.array(AttemptSchema),
    sessions: z.array(SessionSchema),
    settlement: SettlementSchema.nullable(),
    fulfilment: FulfilmentSchema.nullable(),
    history: z.array(TransitionRecordSchema),
    version: z.number(),
    /** The parties' answer on a court referral that came without consent (issue 16 — consent). */
    consent: ConsentRecordSchema.optional(),
    /** What POST /v1/cases/{id}/agreement accepts now (issue 17 — after the agreement). */
    agreementActions: z.array(AgreementActionSchema),
  })
  .meta({ id: 'CaseHistory' });

const FulfilmentBody = z
  .strictObject({
    kind: z.enum(['fulfilled', 'reneged', 'follow_up_done', 'confirmation_applied']),
    /** `reneged` on an agreement without enforceable force: how the parties were told (issue 17; see POST …/fulfilment/renege). */
    notice: NoticeSchema.partial({ at: true }).optional(),
  })
  .meta({ id: 'FulfilmentUpdate' });

/** What the API shows of a case file (party refs stay inside). */
export function historyView(f: CaseFile): z.infer<typeof CaseHistorySchema> {
  return {
    ...omit(f, 'partyRefs', 'raised', 'channel', 'category', 'township', 'village', 'referredAt'),
    allowedActions: requestableActions(f.status),
    agreementActions: allowedAgreementActions(f),
  };
}

/** Transitions (409 on an illegal one, with the current state and the allowed actions), history, fulfilment, session planning. */
export function lifecycleRoutes({ router, registry, deps }: RouteTarget): void {
  const config = loadLifecycleConfig();
  const rooms = loadRoomsConfig();
  const panelRules = loadPanelRules();
  const subsidy = loadSubsidyConfig();
  const store = (county: string) => deps.stores.lifecycle(county);
  // issue 17 — summons: a case that closed or lost a session releases its summoned departments at
  // once. Best effort: the transition stands either way, and the clock's summons step cancels what this misses.
  const followCase = async (caller: { readonly county: string; readonly label: string }, file: CaseFile) => {
    const by = { by: caller.label, now: new Date() };
    await cancelSummonsesOfCase(deps.stores.summonses(caller.county), file.caseId, standingOf(file), by).catch((err: unknown) =>
      deps.log.warn(
        { county: caller.county, caseId: file.caseId, err: err instanceof Error ? err.message : String(err) },
        'summons follow-up failed',
      ),
    );
  };

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/v1/cases/:id/transitions',
      tag: 'lifecycle',
      summary: 'Move a case along its lifecycle (accept, decline, schedule, mediate, settle, fail, return, withdraw, extend)',
      description:
        'An action the current state does not allow is a 409 whose details carry `current` and `allowed`. A decline re-dispatches at once; ' +
        'a failed attempt escalates one tier and re-dispatches, or returns the case to court after the configured number of failures or when the term has run out. ' +
        'Assignments come from dispatch or POST /v1/cases/{id}/assignment, not from here.',
      roles: ['dispatcher'],
      params: IdParams,
      body: LifecycleCommandSchema,
      response: CaseHistorySchema,
      handler: async ({ caller, params, body }) => {
        if (DISPATCH_ACTIONS.includes(body.action)) {
          throw new ValidationError([
            { field: 'body.action', reason: 'assignments are made by dispatch or POST /v1/cases/{id}/assignment' },
          ]);
        }
        const out = await applyCommand(store(caller.county), params.id, body, { by: caller.label, now: new Date(), config });
        switch (out.status) {
          case 'not_found':
            throw new NotFoundError('case', params.id);
          case 'illegal':
            throw new ConflictError(`"${out.action}" is not allowed while the case is ${out.from}`, {
              current: out.from,
              action: out.action,
              allowed: requestableActions(out.from),
            });
          case 'rejected':
            throw new ConflictError(out.message, { reason: out.code });
          case 'conflict':
            throw new ConflictError(out.message, { reason: 'concurrent_change' });
        }
        if (out.events.some((e) => e.type === 'case.redispatch_requested')) {
          await enqueueDispatchAll(deps.queues.referrals, caller.county, caller.label);
        }
        if (!isOpen(out.file.status) || body.action === 'cancel_session') await followCase(caller, out.file);
        deps.log.info(
          { county: caller.county, caseId: params.id, action: body.action, status: out.file.status, by: caller.label },
          'case transition',
        );
        return historyView(out.file);
      },
    },
    [404, 409],
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/v1/cases/:id/history',
      tag: 'lifecycle',
      summary: 'The case file: state, allowed actions, attempts, sessions, settlement, fulfilment and every transition (who, when, why)',
      roles: ['dispatcher', 'viewer'],
      params: IdParams,
      response: CaseHistorySchema,
      handler: async ({ caller, params }) => {
        const file = await store(caller.county).getFile(params.id);
        if (!file) throw new NotFoundError('case', params.id);
        return historyView(file);
      },
    },
    [404],
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/v1/cases/:id/fulfilment',
      tag: 'lifecycle',
      summary:
        'Record fulfilment of a settlement: fulfilled, reneged (enforcement with enforceable force, else litigation), a follow-up visit, or a judicial-confirmation application',
      roles: ['dispatcher'],
      params: IdParams,
      body: FulfilmentBody,
      response: CaseHistorySchema,
      handler: async ({ caller, params, body }) => {
        const update = body.kind === 'reneged' && body.notice ? { kind: body.kind, notice: body.notice } : { kind: body.kind };
        return historyView(
          fileOrThrow(await applyFulfilment(store(caller.county), params.id, update, { now: new Date(), config }), params.id),
        );
      },
    },
    [404, 409],
  );

  defineRoute(router, registry, {
    method: 'post',
    path: '/v1/sessions/plan',
    tag: 'lifecycle',
    summary:
      'Reschedule sessions whose mediator went on leave, then place a session for every accepted case (exact scheduler) around the sessions already booked',
    roles: ['dispatcher'],
    response: z.object({
      cancelled: z.array(z.object({ caseId: z.string(), sessionId: z.string(), mediatorId: z.string() })),
      booked: z.array(
        z.object({
          caseId: z.string(),
          sessionId: z.string(),
          roomId: z.string(),
          start: z.string(),
          end: z.string(),
          mediatorIds: z.array(z.string()),
          lateHalfDays: z.number(),
        }),
      ),
      unscheduled: z.array(z.object({ caseId: z.string(), sessionId: z.string(), reason: z.string() })),
    }),
    handler: async ({ caller }) => {
      const s = store(caller.county);
      const [mediators, files] = await Promise.all([deps.stores.mediators(caller.county).list(), s.listFiles()]);
      const accepted = files.filter((f) => f.status === 'accepted' || f.status === 'session_scheduled').map((f) => f.caseId);
      const cases = await deps.stores.cases(caller.county).getMany(accepted);
      const where = new Map(cases.map((c) => [c.id, c.location]));
      // A panel with a legal expert meets in a legal-expert room (issue 17, convening).
      const kinds = new Map(cases.map((c) => [c.id, panelRoomKinds(c.assignment?.panel, panelRules)]));
      const out = await planSessions(s, new Date(), {
        rooms,
        config,
        mediators,
        locationOf: (id) => where.get(id),
        roomKindsOf: (id) => kinds.get(id),
        by: caller.label,
      });
      // The scheduler's solve failed (HiGHS stopped short of optimal): ours, but worth telling the client why.
      if (out.status !== 'ok') throw new AppError('internal', `session planning failed: ${out.message}`);
      return {
        cancelled: [...out.cancelled],
        booked: out.booked.map((b) => ({
          caseId: b.caseId,
          sessionId: b.sessionId,
          roomId: b.roomId,
          start: b.slot.start,
          end: b.slot.end,
          mediatorIds: [...b.mediatorIds],
          lateHalfDays: b.lateHalfDays,
        })),
        unscheduled: [...out.unscheduled],
      };
    },
  });

  defineRoute(router, registry, {
    method: 'post',
    path: '/v1/clock/tick',
    tag: 'lifecycle',
    summary:
      "Run the county's legal clock now: expired proposals committed, deadline warnings, overdue events, return to court when the term has run out, subsidy budget warnings, summons reminders and misses",
    description:
      'The same run a clock runner does periodically (src/use-cases/lifecycle/clock-runner.ts); events go to the event stream and webhooks.',
    roles: ['dispatcher'],
    response: z.object({ events: z.record(z.string(), z.number()) }),
    handler: async ({ caller }) => {
      const s = store(caller.county);
      const now = new Date();
      const expiry = await expireProposals(deps.stores.dispatch(caller.county), deps.stores.proposals(caller.county), now);
      const events: { readonly type: string }[] = [...(await tickAll(s, now, config)), ...(await checkBudget(s, now, subsidy))];
      // issue 17 — summons: reminders, missed and escalated summonses of the same run.
      events.push(
        ...(await tickSummonses(
          deps.stores.summonses(caller.county),
          deps.stores.summonsSettings(caller.county),
          caseStandingReader(s),
          now,
        )),
      );
      const counts: Record<string, number> = {};
      for (const e of events) counts[e.type] = (counts[e.type] ?? 0) + 1;
      return { events: { ...counts, ...expiryCounts(expiry) } };
    },
  });
}
