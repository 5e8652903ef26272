import { z } from 'zod';
import { InstantSchema } from './instant';
import { AmountYuanSchema, LIMITS } from './limits';
import { IdentifierSchema } from './party-identifier';
import { AgreementRouteSchema } from './agreement';
import type { Label } from './labels';

const isoDateTime = InstantSchema;

/**
 * How a settlement is carried out (the "last mile"): on the spot, voluntarily, by the party's own
 * accord, supervised (an extended period with help for a party who truly cannot pay), or sent to
 * the court for compulsory enforcement when a party reneges.
 */
export const FULFILMENT_MODES = ['on_the_spot', 'voluntary', 'own_accord', 'supervised', 'enforcement'] as const;
export const FulfilmentModeSchema = z.enum(FULFILMENT_MODES);
export type FulfilmentMode = z.infer<typeof FulfilmentModeSchema>;

/**
 * The modes a settlement may record. Compulsory enforcement is not one: it is an outcome open only
 * to an agreement with enforceable force (confirmed, awarded, notarised) whose party reneges.
 */
export const SettlementModeSchema = FulfilmentModeSchema.exclude(['enforcement']);
export type SettlementMode = z.infer<typeof SettlementModeSchema>;

export const FULFILMENT_MODE_LABELS: Readonly<Record<FulfilmentMode, { zh: string; en: string }>> = {
  on_the_spot: { zh: '当场履行', en: 'on the spot' },
  voluntary: { zh: '自愿履行', en: 'voluntary' },
  own_accord: { zh: '自觉履行', en: "of the party's own accord" },
  supervised: { zh: '延期帮扶履行', en: 'supervised (extended, with help)' },
  enforcement: { zh: '申请强制执行', en: 'compulsory enforcement' },
};

/**
 * pending → fulfilled; pending → overdue (due date passed) → fulfilled; an extension (supervised
 * fulfilment) puts an overdue one back to pending. A party reneges on an open one: an agreement with
 * enforceable force goes to `enforcement`, any other back to `litigation` (the parties can only sue).
 */
export const FULFILMENT_STATUSES = ['pending', 'overdue', 'fulfilled', 'enforcement', 'litigation'] as const;
export const FulfilmentStatusSchema = z.enum(FULFILMENT_STATUSES);
export type FulfilmentStatus = z.infer<typeof FulfilmentStatusSchema>;

/** Closed statuses: nothing is recorded on the fulfilment after them. */
export const CLOSED_FULFILMENT_STATUSES: readonly FulfilmentStatus[] = ['fulfilled', 'enforcement', 'litigation'];

export const FULFILMENT_STATUS_LABELS: Readonly<Record<FulfilmentStatus, Label>> = {
  pending: { zh: '待履行', en: 'pending' },
  overdue: { zh: '逾期未履行', en: 'overdue' },
  fulfilled: { zh: '已履行', en: 'fulfilled' },
  enforcement: { zh: '申请强制执行', en: 'compulsory enforcement' },
  litigation: { zh: '告知另行起诉', en: 'back to litigation' },
};

/** A follow-up visit: due at `at`; recorded as done or missed. */
export const FollowUpSchema = z.strictObject({
  at: isoDateTime,
  done: z.boolean(),
  /** The visit did not take place (recorded; it stays not done). */
  missed: z.boolean().optional(),
  /** When the visit was recorded as done or missed. */
  recordedAt: isoDateTime.optional(),
});
export type FollowUp = z.infer<typeof FollowUpSchema>;

/** A visit still expected: neither recorded done nor missed (the clock announces it and watches its grace). */
export function isVisitOpen(v: FollowUp): boolean {
  return !v.done && !v.missed;
}

/** How the parties were told of a case going back to litigation (no party data: the channel and date only). */
export const NOTICE_CHANNELS = ['in_person', 'phone', 'sms', 'letter', 'court_notice'] as const;
export const NoticeChannelSchema = z.enum(NOTICE_CHANNELS);
export const NoticeSchema = z.strictObject({ at: isoDateTime, channel: NoticeChannelSchema });
export type Notice = z.infer<typeof NoticeSchema>;

export const NOTICE_CHANNEL_LABELS: Readonly<Record<z.infer<typeof NoticeChannelSchema>, Label>> = {
  in_person: { zh: '当面告知', en: 'in person' },
  phone: { zh: '电话告知', en: 'by phone' },
  sms: { zh: '短信告知', en: 'by text message' },
  letter: { zh: '书面告知', en: 'by letter' },
  court_notice: { zh: '法院送达', en: 'served by the court' },
};

/** The help given to a party who truly cannot pay (supervised fulfilment, 延期帮扶履行). */
export const ASSISTANCE_KINDS = ['instalments', 'employment_help', 'social_assistance', 'legal_aid', 'village_guarantee', 'other'] as const;
export const AssistanceKindSchema = z.enum(ASSISTANCE_KINDS);

export const ASSISTANCE_LABELS: Readonly<Record<z.infer<typeof AssistanceKindSchema>, Label>> = {
  instalments: { zh: '分期履行', en: 'payment by instalments' },
  employment_help: { zh: '就业帮扶', en: 'help finding work' },
  social_assistance: { zh: '社会救助', en: 'social assistance' },
  legal_aid: { zh: '法律援助', en: 'legal aid' },
  village_guarantee: { zh: '村（社区）担保督促', en: 'village committee guarantee' },
  other: { zh: '其他帮扶', en: 'other help' },
};

/** An extended period with help, as recorded (who helps is a label of an organisation or mediator, never a party). */
export const ExtensionSchema = z.strictObject({
  at: isoDateTime,
  previousDueAt: isoDateTime,
  dueAt: isoDateTime,
  assistance: AssistanceKindSchema,
  by: IdentifierSchema,
});
export type Extension = z.infer<typeof ExtensionSchema>;

/** What gave the agreement enforceable force when it went to compulsory enforcement. */
export const EnforcementBasisSchema = z.enum(['judicial_confirmation', 'arbitral_award', 'notarised_deed']);
export type EnforcementBasis = z.infer<typeof EnforcementBasisSchema>;

export const FulfilmentSchema = z.strictObject({
  /** The mode recorded at settlement (kept when the case later goes to enforcement). */
  mode: FulfilmentModeSchema,
  dueAt: isoDateTime,
  followUps: z.array(FollowUpSchema).max(LIMITS.sessionsPerCase),
  status: FulfilmentStatusSchema,
  fulfilledAt: isoDateTime.optional(),
  enforcementAt: isoDateTime.optional(),
  // issue 17 — after the agreement
  /** When a party reneged (whatever followed). */
  renegedAt: isoDateTime.optional(),
  /** Enforcement: the title that allowed it. */
  enforcementBasis: EnforcementBasisSchema.optional(),
  /** Litigation: when the case went back to the court's litigation track. */
  litigationAt: isoDateTime.optional(),
  /** Litigation: how and when the parties were told they can only sue. */
  notice: NoticeSchema.optional(),
  /** Supervised fulfilment: each extended period with the help given, oldest first. */
  extensions: z.array(ExtensionSchema).max(LIMITS.sessionsPerCase).optional(),
});
export type Fulfilment = z.infer<typeof FulfilmentSchema>;

/** The agreement recorded on settlement (terms by reference: the document lives elsewhere). */
export const SettlementSchema = z.strictObject({
  at: isoDateTime,
  amountYuan: AmountYuanSchema,
  termsRef: IdentifierSchema,
  /** Last moment both parties may apply for judicial confirmation (settlement + 30 days). */
  confirmationWindowEndsAt: isoDateTime,
  /** When the parties applied for judicial confirmation, if they did. */
  confirmationAppliedAt: isoDateTime.optional(),
  /** Judicial confirmation, arbitration, notarisation: every route tried, oldest first (issue 17). */
  routes: z.array(AgreementRouteSchema).max(LIMITS.sessionsPerCase).optional(),
});
export type Settlement = z.infer<typeof SettlementSchema>;

/**
 * The body of POST /v1/cases/:id/fulfilment/renege: a party reneged. An agreement with enforceable
 * force goes to compulsory enforcement; any other back to litigation, and the parties are told how.
 */
export const RenegeSchema = z
  .strictObject({
    /** How and when the parties were told what follows (`at` defaults to now); required when the case goes back to litigation. */
    notice: z.strictObject({ channel: NoticeChannelSchema, at: isoDateTime.optional() }).optional(),
    /** True when the creditor asks for compulsory enforcement: refused (409 `not_enforceable`) without enforceable force. */
    enforce: z.boolean().optional(),
  })
  .meta({ id: 'Renege' });
export type Renege = z.infer<typeof RenegeSchema>;

/** The body of POST /v1/cases/:id/fulfilment/extension: an extended period with help (supervised fulfilment). */
export const ExtensionRequestSchema = z
  .strictObject({
    /** The new due date: after the current one and after now. */
    dueAt: isoDateTime,
    assistance: AssistanceKindSchema,
    /** Who gives the help: an organisation's or mediator's label, never a party. */
    by: IdentifierSchema,
    /** Follow-up visits in the extended period (default: the supervised mode's follow-up days from now, and the new due date). */
    followUpAt: z.array(isoDateTime).min(1).max(10).optional(),
  })
  .meta({ id: 'FulfilmentExtension' });
export type ExtensionRequest = z.infer<typeof ExtensionRequestSchema>;

/** The body of POST /v1/cases/:id/fulfilment/follow-ups/:n: the visit was made, or missed. */
export const FollowUpRecordSchema = z
  .strictObject({ outcome: z.enum(['done', 'missed']), at: isoDateTime.optional() })
  .meta({ id: 'FollowUpRecord' });
export type FollowUpRecord = z.infer<typeof FollowUpRecordSchema>;
