import { z } from 'zod';
import { AgreementCommandSchema } from '../../../domain/agreement';
import { ExtensionRequestSchema, FollowUpRecordSchema, RenegeSchema } from '../../../domain/fulfilment';
import { loadLifecycleConfig } from '../../../domain/config/lifecycle-config';
import { LIMITS } from '../../../domain/limits';
import { ValidationError } from '../../../domain/errors';
import { applyAgreementCommand, applyExtension, applyFollowUp, applyRenege } from '../../../use-cases/lifecycle/after-agreement';
import { fileOrThrow } from '../after-agreement-reply';
import { defineRoute } from '../route';
import type { RouteTarget } from '../deps';
import { CaseHistorySchema, historyView } from './lifecycle';

const IdParams = z.object({ id: z.string().min(1).max(LIMITS.identifierLength) });
const FollowUpParams = IdParams.extend({ n: z.coerce.number().int().min(1).max(LIMITS.sessionsPerCase) });

/** Rejects a date in the future: a decision or notice is recorded after it happened (a minute of clock skew allowed). */
function notFuture(at: string | undefined, field: string, now: Date): void {
  if (at !== undefined && Date.parse(at) > now.getTime() + 60_000)
    throw new ValidationError([{ field, reason: 'must not be in the future' }]);
}

/**
 * After the agreement (issue 17): judicial confirmation, arbitration and notarisation as routes on
 * the settled case; a party reneging (enforcement only with enforceable force, litigation
 * otherwise); supervised fulfilment (extension with help, follow-up visits done or missed).
 */
export function agreementRoutes({ router, registry, deps }: RouteTarget): void {
  const config = loadLifecycleConfig();
  const store = (county: string) => deps.stores.lifecycle(county);

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/v1/cases/:id/agreement',
      tag: 'lifecycle',
      summary: 'Judicial confirmation, arbitration or notarisation of a settled agreement: apply, then record the decisions',
      description:
        '`apply` opens a route (at most one active at a time; judicial confirmation only within ' +
        `${config.confirmationWindowDays} days of the agreement, else 409 \`window_closed\`). Judicial confirmation: the court decides ` +
        `to \`accept\` or \`not_accept\` (due ${config.confirmationAcceptanceDays} days after the application; the clock warns and flags it ` +
        'overdue), then to `confirm` or `reject`. Arbitration: `award` or `refuse`; notarisation: `notarise` or `refuse`. ' +
        'An action the route does not allow now is a 409 with `current` and `allowed` (also shown as `agreementActions` on the case file). ' +
        'Events: agreement.applied, agreement.accepted, agreement.confirmed, agreement.rejected.',
      roles: ['court', 'dispatcher'],
      params: IdParams,
      body: AgreementCommandSchema,
      response: CaseHistorySchema,
      handler: async ({ caller, params, body }) => {
        const now = new Date();
        notFuture(body.at, 'body.at', now);
        const file = fileOrThrow(await applyAgreementCommand(store(caller.county), params.id, body, { now, config }), params.id);
        deps.log.info({ county: caller.county, caseId: params.id, action: body.action, by: caller.label }, 'agreement route');
        return historyView(file);
      },
    },
    [404, 409],
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/v1/cases/:id/fulfilment/renege',
      tag: 'lifecycle',
      summary: 'A party reneged: compulsory enforcement if the agreement has enforceable force, otherwise back to litigation',
      description:
        'Only a confirmed agreement, an arbitral award or a notarised enforceable deed goes to `enforcement` (event fulfilment.enforcement). ' +
        'Any other goes to `litigation` (event fulfilment.litigation) and needs `notice` (how the parties were told; 400 without it); ' +
        '`enforce: true` on such an agreement is a 409 `not_enforceable` with the reason. While a route waits for its decision: 409 `route_pending`.',
      roles: ['dispatcher'],
      params: IdParams,
      body: RenegeSchema,
      response: CaseHistorySchema,
      handler: async ({ caller, params, body }) => {
        const now = new Date();
        notFuture(body.notice?.at, 'body.notice.at', now);
        const file = fileOrThrow(await applyRenege(store(caller.county), params.id, body, { now, config }), params.id);
        deps.log.info({ county: caller.county, caseId: params.id, status: file.fulfilment?.status, by: caller.label }, 'renege recorded');
        return historyView(file);
      },
    },
    [404, 409],
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/v1/cases/:id/fulfilment/extension',
      tag: 'lifecycle',
      summary: 'Supervised fulfilment: an extended period with help (new due date, what help, by whom) and follow-up visits',
      description:
        'The due date moves (it must be later than the current one and than now), an overdue fulfilment is pending again, and the ' +
        'follow-up visits are planned in the new period. Event fulfilment.extended. A closed fulfilment is a 409 `already_closed`.',
      roles: ['dispatcher'],
      params: IdParams,
      body: ExtensionRequestSchema,
      response: CaseHistorySchema,
      handler: async ({ caller, params, body }) => {
        const file = fileOrThrow(await applyExtension(store(caller.county), params.id, body, { now: new Date(), config }), params.id);
        deps.log.info({ county: caller.county, caseId: params.id, dueAt: body.dueAt, by: caller.label }, 'fulfilment extended');
        return historyView(file);
      },
    },
    [404, 409],
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/v1/cases/:id/fulfilment/follow-ups/:n',
      tag: 'lifecycle',
      summary: 'Record follow-up visit n (1-based, in the order of fulfilment.followUps) as done or missed',
      description:
        `A visit neither done nor missed ${config.followUpGraceDays} days after its date is flagged overdue by the clock ` +
        '(deadline kind `followUp`). Event fulfilment.follow_up_recorded. A visit already recorded is a 409 `follow_up_recorded`.',
      roles: ['dispatcher'],
      params: FollowUpParams,
      body: FollowUpRecordSchema,
      response: CaseHistorySchema,
      handler: async ({ caller, params, body }) => {
        const now = new Date();
        notFuture(body.at, 'body.at', now);
        const file = fileOrThrow(await applyFollowUp(store(caller.county), params.id, params.n, body, { now, config }), params.id);
        deps.log.info(
          { county: caller.county, caseId: params.id, n: params.n, outcome: body.outcome, by: caller.label },
          'follow-up recorded',
        );
        return historyView(file);
      },
    },
    [404, 409],
  );
}
