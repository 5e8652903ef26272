import { z } from 'zod';
import { ConsentAnswerSchema } from '../../../domain/consent';
import { loadLifecycleConfig } from '../../../domain/config/lifecycle-config';
import { ConflictError, NotFoundError } from '../../../domain/errors';
import { LIMITS } from '../../../domain/limits';
import { recordConsentAnswer } from '../../../use-cases/lifecycle/record-consent';
import { enqueueDispatchAll } from '../../queue/queues';
import { defineRoute } from '../route';
import type { RouteTarget } from '../deps';
import { CaseHistorySchema, historyView } from './lifecycle';

const IdParams = z.object({ id: z.string().min(1).max(LIMITS.identifierLength) });

/** POST /v1/cases/:id/consent: the parties' answer on a court referral that came without consent (issue 16 — consent). */
export function consentRoutes({ router, registry, deps }: RouteTarget): void {
  const config = loadLifecycleConfig();

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/v1/cases/:id/consent',
      tag: 'lifecycle',
      summary: 'Record whether the parties consent to mediation on a court referral that came without consent',
      description:
        'A court referral with `consent: false` waits in `awaiting_consent` and is never dispatched. `given: true` makes it wait for ' +
        'dispatch with its legal clocks (term, first-session target, dispatch deadline) starting now, not at referral; ' +
        '`given: false` returns it to court with the reason (`consent_refused: …`). Either way a `consent.recorded` event. ' +
        `Without an answer the legal clock returns it to court after consentWaitDays (${config.consentWaitDays}, lifecycle.json) ` +
        'with reason `consent_timeout`. A case in any other state is a 409 with `current` and `allowed`.',
      roles: ['court', 'dispatcher'],
      params: IdParams,
      body: ConsentAnswerSchema,
      response: CaseHistorySchema,
      handler: async ({ caller, params, body }) => {
        const out = await recordConsentAnswer(deps.stores.lifecycle(caller.county), params.id, body, {
          by: caller.label,
          now: new Date(),
          config,
        });
        switch (out.status) {
          case 'not_found':
            throw new NotFoundError('case', params.id);
          case 'illegal':
            throw new ConflictError(`consent is recorded only while a case awaits it; the case is ${out.from}`, {
              current: out.from,
              action: out.action,
              allowed: out.allowed,
            });
          case 'rejected':
            throw new ConflictError(out.message, { reason: out.code });
          case 'conflict':
            throw new ConflictError(out.message, { reason: 'concurrent_change' });
        }
        if (out.dispatch) await enqueueDispatchAll(deps.queues.referrals, caller.county, caller.label);
        deps.log.info(
          { county: caller.county, caseId: params.id, given: body.given, status: out.file.status, by: caller.label },
          'consent recorded',
        );
        return historyView(out.file);
      },
    },
    [404, 409],
  );
}
