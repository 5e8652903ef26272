import { z } from 'zod';
import { ReferralSchema, type Case } from '../../../domain';
import { caseIdFor } from '../../../use-cases/intake/case-id';
import { loadDispatchConfig } from '../../../domain/config/load';
import { caseFromReferral } from '../../../use-cases/intake/intake';
import { ValidationError, type FieldIssue } from '../../../domain/errors';
import { enqueueReferrals } from '../../queue/queues';
import { defineRoute, parsePart } from '../route';
import type { RouteTarget } from '../deps';
import { itemAt } from '../../../domain/indexed-access';

export const IntakeReplySchema = z
  .object({
    cases: z.array(
      z.object({
        externalId: z.string(),
        caseId: z.string(),
        /** `duplicate`: this externalId was already a case; nothing changed. */
        outcome: z.enum(['created', 'duplicate']),
      }),
    ),
  })
  .meta({ id: 'IntakeReply' });

export function referralRoutes({ router, registry, deps }: RouteTarget): void {
  const max = deps.config.REFERRALS_MAX_PER_REQUEST;
  const ReferralOrMany = z.union([ReferralSchema, z.array(ReferralSchema).min(1).max(max)]).meta({ id: 'ReferralIntake' });
  const dispatchConfig = loadDispatchConfig();

  defineRoute(router, registry, {
    method: 'post',
    path: '/v1/referrals',
    tag: 'referrals',
    summary: 'Refer one dispute or an array of them',
    description:
      `One referral object, or an array of up to ${max} (REFERRALS_MAX_PER_REQUEST). Idempotent: the case id derives from ` +
      'the county and externalId, so sending a referral again returns the same case id with outcome "duplicate". ' +
      'Cases are dispatched asynchronously; follow them with GET /v1/cases/{id}, GET /v1/events or a webhook.',
    roles: ['court', 'dispatcher'],
    body: ReferralOrMany,
    parseBody: (raw) =>
      Array.isArray(raw) ? parsePart(z.array(ReferralSchema).min(1).max(max), raw, 'body') : parsePart(ReferralSchema, raw, 'body'),
    status: 202,
    response: IntakeReplySchema,
    handler: async ({ caller, body }) => {
      const referrals = Array.isArray(body) ? body : [body];
      const issues: FieldIssue[] = [];
      const cases: Case[] = [];
      referrals.forEach((r, i) => {
        const made = caseFromReferral(r, dispatchConfig);
        if (!made.ok) {
          issues.push({ field: Array.isArray(body) ? `body[${i}].${made.field}` : `body.${made.field}`, reason: made.message });
          return;
        }
        // Ids are scoped by the caller's county, so two counties' externalIds never collide (nor their jobs).
        cases.push({ ...made.case, id: caseIdFor(caller.county, r.externalId), county: caller.county });
      });
      if (issues.length > 0) throw new ValidationError(issues);
      const results = await deps.stores.cases(caller.county).intake(cases);
      // Duplicates are enqueued too: a job lost between intake and enqueue is healed by the retry, and
      // BullMQ ignores a job id it already holds.
      await enqueueReferrals(
        deps.queues.referrals,
        caller.county,
        results.map((r) => r.caseId),
      );
      let created = 0;
      for (const r of results) if (r.created) created++;
      deps.metrics.referralsAccepted.inc({ county: caller.county, outcome: 'created' }, created);
      deps.metrics.referralsAccepted.inc({ county: caller.county, outcome: 'duplicate' }, results.length - created);
      return {
        cases: results.map((r, i) => ({
          externalId: itemAt(cases, i, 'referrals').externalId,
          caseId: r.caseId,
          outcome: r.created ? ('created' as const) : ('duplicate' as const),
        })),
      };
    },
  });
}
