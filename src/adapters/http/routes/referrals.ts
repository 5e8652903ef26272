import { z } from 'zod';
import { ReferralSchema, type Case, type Referral } from '../../../domain';
import { ConflictError, CountyDisabledError, ForbiddenError, ValidationError } from '../../../domain/errors';
import { systemClock } from '../../../domain/time';
import type { Caller } from '../auth';
import { admitReferrals, intakeOutcomes, type IntakeOutcome } from '../../../use-cases/intake/admit-referrals';
import { enqueueReferrals } from '../../queue/queues';
import { defineRoute, parsePart } from '../route';
import type { ApiDeps, RouteTarget } from '../deps';

export const IntakeReplySchema = z
  .object({
    cases: z.array(
      z.object({
        externalId: z.string(),
        caseId: z.string(),
        /**
         * `duplicate`: this externalId was already a case with the same content; nothing changed.
         * `conflict` (in a batch): it was already a case with other content, listed in `fields`; the
         * stored case is kept as it was. A single referral answers 409 instead.
         */
        outcome: z.enum(['created', 'duplicate', 'conflict']),
        /** With `conflict`: the referral fields that differ, by name (never their values). */
        fields: z.array(z.string()).optional(),
      }),
    ),
  })
  .meta({ id: 'IntakeReply' });

const IntakeQuery = z.object({
  /** `true`: an admin imports history — no age limit; clocks run from the given dates, nothing already due fires. */
  backfill: z.enum(['true', 'false']).optional(),
});

/** A single referral re-posted with other content: 409 naming the fields (values may be party data). */
function conflictOf(outcome: IntakeOutcome): ConflictError {
  const fields = outcome.outcome === 'conflict' ? outcome.fields : [];
  return new ConflictError(`externalId already names a case with different ${fields.join(', ')}; the stored case is unchanged`, {
    caseId: outcome.caseId,
    fields,
  });
}

/** Stores the admitted cases, queues them for dispatch and counts them; the outcome of each. */
async function storeAndQueue(
  deps: ApiDeps,
  caller: Caller,
  referrals: readonly Referral[],
  cases: readonly Case[],
): Promise<IntakeOutcome[]> {
  // With a ledger, a closed case may have left Redis (retention): the ledger says which ids are
  // cases already, so a re-posted one is not created again. Asked here rather than kept as a
  // tombstone set in Redis, which would grow by every case ever evicted — the memory retention frees.
  // The INTAKE_LUA check stays atomic for cases Redis holds; a case evicted between this read and
  // the script was in the ledger before it could be evicted, so it is in `known`.
  const known = await deps.stores.ledgerCases?.(caller.county).heldIds(cases.map((c) => c.id));
  const results = await deps.stores.cases(caller.county).intake(cases, known);
  // Duplicates are enqueued too: a job lost between intake and enqueue is healed by the retry, and
  // BullMQ ignores a job id it already holds.
  await enqueueReferrals(
    deps.queues.referrals,
    caller.county,
    results.map((r) => r.caseId),
    deps.queues.intakeShare,
  );
  // On a cluster the jobs live on another master than the county: they too must be on a replica.
  await deps.queues.jobsReplicated?.();
  const outcomes = intakeOutcomes(referrals, cases, results);
  for (const outcome of ['created', 'duplicate', 'conflict'] as const) {
    deps.metrics.referralsAccepted.inc({ county: caller.county, outcome }, outcomes.filter((o) => o.outcome === outcome).length);
  }
  return outcomes;
}

export function referralRoutes({ router, registry, deps }: RouteTarget): void {
  const max = deps.config.REFERRALS_MAX_PER_REQUEST;
  const ReferralOrMany = z.union([ReferralSchema, z.array(ReferralSchema).min(1).max(max)]).meta({ id: 'ReferralIntake' });
  const clock = deps.clock ?? systemClock;

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/v1/referrals',
      tag: 'referrals',
      summary: 'Refer one dispute or an array of them',
      description:
        `One referral object, or an array of up to ${max} (REFERRALS_MAX_PER_REQUEST). Idempotent: the case id derives from ` +
        'the county and externalId, so sending a referral again returns the same case id with outcome "duplicate"; sent again ' +
        'with different content, a single referral answers 409 `conflict` with `details.fields` and an array marks that item ' +
        '`conflict` with its `fields` (the other items are taken in). `referredAt` may lie at most 5 minutes ahead and at most ' +
        `${deps.config.REFERRAL_MAX_AGE_DAYS} days back (REFERRAL_MAX_AGE_DAYS); an admin imports older history with ` +
        '`?backfill=true` (other roles: 403): the cases are marked `backfill` and nothing already due at import fires. ' +
        'Cases are dispatched asynchronously; follow them with GET /v1/cases/{id}, GET /v1/events or a webhook.',
      roles: ['court', 'dispatcher'],
      query: IntakeQuery,
      body: ReferralOrMany,
      parseBody: (raw) =>
        Array.isArray(raw) ? parsePart(z.array(ReferralSchema).min(1).max(max), raw, 'body') : parsePart(ReferralSchema, raw, 'body'),
      status: 202,
      response: IntakeReplySchema,
      responses: { 403: { description: 'The role may not refer (`forbidden`), or the county is disabled (`county_disabled`)' } },
      handler: async ({ caller, body, query }) => {
        const backfill = query.backfill === 'true';
        if (backfill && caller.role !== 'admin') throw new ForbiddenError('only an admin key may import history (backfill=true)');
        const referrals: readonly Referral[] = Array.isArray(body) ? body : [body];
        const window = { now: clock(), maxAgeDays: deps.config.REFERRAL_MAX_AGE_DAYS, backfill };
        const fieldOf = (i: number, field: string) => (Array.isArray(body) ? `body[${i}].${field}` : `body.${field}`);
        // The county's own geography (its registered profile, else the embedded one): villages are checked against it.
        const county = await deps.stores.countyConfigs.of(caller.county);
        if (county.status === 'disabled') throw new CountyDisabledError(caller.county);
        const opts = { county: caller.county, window, config: county.config };
        let admitted = admitReferrals(referrals, opts, fieldOf);
        if (!admitted.ok && admitted.tooOld.length > 0) {
          // A retry of an old referral that is already a case: judged as a re-post, not by its age.
          const known = new Set((await deps.stores.cases(caller.county).getMany(admitted.tooOld)).map((c) => c.id));
          if (known.size > 0) admitted = admitReferrals(referrals, { ...opts, known }, fieldOf);
        }
        if (!admitted.ok) throw new ValidationError(admitted.issues);
        const outcomes = await storeAndQueue(deps, caller, referrals, admitted.cases);
        const [only] = outcomes;
        if (!Array.isArray(body) && only?.outcome === 'conflict') throw conflictOf(only);
        return { cases: outcomes };
      },
    },
    [409],
  );
}
