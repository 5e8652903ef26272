import { z } from 'zod';
import { CaseStatusSchema } from './case';
import { AssistanceKindSchema, EnforcementBasisSchema, FulfilmentModeSchema, NoticeChannelSchema } from './fulfilment';
import { AgreementRouteKindSchema, AgreementRouteStatusSchema } from './agreement';
import { LifecycleActionSchema } from './lifecycle/state-machine';
import { CaseClassSchema } from './taxonomy';
import { ConsentGiverSchema, ConsentMethodSchema } from './consent';

/** Deadlines the clock watches. */
export const DEADLINE_KINDS = [
  'term',
  'firstSession',
  'fulfilment',
  'confirmation',
  // issue 17 — after the agreement: the court's acceptance decision, a follow-up visit not recorded.
  'confirmationAcceptance',
  'followUp',
] as const;
export const DeadlineKindSchema = z.enum(DEADLINE_KINDS);
export type DeadlineKind = z.infer<typeof DeadlineKindSchema>;

const at = z.string();

/** Events the lifecycle raises (ids and refs only; never party data). */
export const LifecycleEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('case.transition'),
    caseId: z.string(),
    at,
    from: CaseStatusSchema,
    to: CaseStatusSchema,
    action: LifecycleActionSchema,
    by: z.string(),
  }),
  z.object({
    type: z.literal('case.deadline_warning'),
    caseId: z.string(),
    at,
    kind: DeadlineKindSchema,
    deadlineAt: at,
    hoursBefore: z.number(),
  }),
  z.object({ type: z.literal('case.deadline_overdue'), caseId: z.string(), at, kind: DeadlineKindSchema, deadlineAt: at }),
  z.object({
    type: z.literal('case.redispatch_requested'),
    caseId: z.string(),
    at,
    class: CaseClassSchema,
    excludeMediatorIds: z.array(z.string()),
    attempt: z.number().int(),
  }),
  z.object({
    type: z.literal('case.returned_to_court'),
    caseId: z.string(),
    at,
    reason: z.string(),
    /** Who must be told to proceed by litigation. */
    notify: z.array(z.enum(['court', 'parties'])),
  }),
  z.object({
    type: z.literal('case.fulfilment_overdue'),
    caseId: z.string(),
    at,
    mode: FulfilmentModeSchema,
    dueAt: at,
  }),
  z.object({ type: z.literal('case.follow_up_due'), caseId: z.string(), at, visitAt: at }),
  /** The county's subsidies of a month reached a warning share of the budget (raised once per share). */
  z.object({
    type: z.literal('subsidy.budget_warning'),
    at,
    month: z.string(),
    share: z.number(),
    spentYuan: z.number(),
    budgetYuan: z.number(),
  }),
  // issue 16 — consent
  /** The parties' answer on a court referral that came without consent (a refusal also returns the case to court). */
  z.object({
    type: z.literal('consent.recorded'),
    caseId: z.string(),
    at,
    given: z.boolean(),
    consentBy: ConsentGiverSchema,
    method: ConsentMethodSchema.optional(),
  }),
  // issue 17 — after the agreement (src/domain/lifecycle/agreement.ts, fulfilment.ts, supervision.ts)
  /** Judicial confirmation, arbitration or notarisation applied for. */
  z.object({ type: z.literal('agreement.applied'), caseId: z.string(), at, route: AgreementRouteKindSchema }),
  /** The court accepted the application for judicial confirmation. */
  z.object({ type: z.literal('agreement.accepted'), caseId: z.string(), at, route: AgreementRouteKindSchema }),
  /** The agreement gained enforceable force: confirmed, awarded or notarised. */
  z.object({
    type: z.literal('agreement.confirmed'),
    caseId: z.string(),
    at,
    route: AgreementRouteKindSchema,
    routeStatus: AgreementRouteStatusSchema,
  }),
  /** The route ended without force: not accepted, rejected or refused. */
  z.object({
    type: z.literal('agreement.rejected'),
    caseId: z.string(),
    at,
    route: AgreementRouteKindSchema,
    routeStatus: AgreementRouteStatusSchema,
  }),
  /** A party reneged on an agreement with enforceable force: compulsory enforcement. */
  z.object({ type: z.literal('fulfilment.enforcement'), caseId: z.string(), at, basis: EnforcementBasisSchema }),
  /** A party reneged on an agreement without enforceable force: back to litigation, the parties told. */
  z.object({ type: z.literal('fulfilment.litigation'), caseId: z.string(), at, noticeChannel: NoticeChannelSchema }),
  /** Supervised fulfilment: an extended period with help. */
  z.object({ type: z.literal('fulfilment.extended'), caseId: z.string(), at, dueAt: at, assistance: AssistanceKindSchema }),
  /** A follow-up visit recorded as done or missed. */
  z.object({
    type: z.literal('fulfilment.follow_up_recorded'),
    caseId: z.string(),
    at,
    visitAt: at,
    outcome: z.enum(['done', 'missed']),
  }),
]);
export type LifecycleEvent = z.infer<typeof LifecycleEventSchema>;
