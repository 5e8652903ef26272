import { z } from 'zod';
import { InstantSchema } from './instant';
import type { Label } from './labels';

/**
 * What may follow a mediated agreement to give it the force of a judgment (issue 17, part 3):
 * judicial confirmation by the court (司法确认), an arbitral award (仲裁) or a notarised deed with
 * enforceable effect (公证). A case carries at most one active route at a time; a route that
 * ended without force (not accepted, rejected, refused) leaves room for another.
 */
export const AGREEMENT_ROUTES = ['judicial_confirmation', 'arbitration', 'notarisation'] as const;
export const AgreementRouteKindSchema = z.enum(AGREEMENT_ROUTES);
export type AgreementRouteKind = z.infer<typeof AgreementRouteKindSchema>;

/**
 * Where a route stands. Judicial confirmation: applied → accepted | not_accepted; accepted →
 * confirmed | rejected. Arbitration: applied → awarded | refused. Notarisation: applied →
 * notarised | refused. `src/domain/lifecycle/agreement-machine.ts` is the one place that knows the edges.
 */
export const AGREEMENT_ROUTE_STATUSES = [
  'applied',
  'accepted',
  'not_accepted',
  'confirmed',
  'rejected',
  'awarded',
  'notarised',
  'refused',
] as const;
export const AgreementRouteStatusSchema = z.enum(AGREEMENT_ROUTE_STATUSES);
export type AgreementRouteStatus = z.infer<typeof AgreementRouteStatusSchema>;

/** Statuses that give the agreement enforceable force: only these open compulsory enforcement. */
export const ENFORCEABLE_STATUSES: readonly AgreementRouteStatus[] = ['confirmed', 'awarded', 'notarised'];
/** Statuses still waiting for a decision (the "active" route). */
export const ACTIVE_STATUSES: readonly AgreementRouteStatus[] = ['applied', 'accepted'];

/** One route as recorded on the settlement (dates only: the documents live at the court or office). */
export const AgreementRouteSchema = z.strictObject({
  kind: AgreementRouteKindSchema,
  status: AgreementRouteStatusSchema,
  appliedAt: InstantSchema,
  /** Judicial confirmation: when the court's acceptance decision is due (application + acceptanceDays). */
  acceptanceDueAt: InstantSchema.optional(),
  /** Judicial confirmation: when the court decided whether to accept. */
  acceptanceDecidedAt: InstantSchema.optional(),
  /** When the ruling, award, deed or refusal was given. */
  decidedAt: InstantSchema.optional(),
});
export type AgreementRoute = z.infer<typeof AgreementRouteSchema>;

export const AGREEMENT_ROUTE_LABELS: Readonly<Record<AgreementRouteKind, Label>> = {
  judicial_confirmation: { zh: '司法确认', en: 'judicial confirmation' },
  arbitration: { zh: '仲裁', en: 'arbitration' },
  notarisation: { zh: '公证', en: 'notarisation' },
};

export const AGREEMENT_ROUTE_STATUS_LABELS: Readonly<Record<AgreementRouteStatus, Label>> = {
  applied: { zh: '已申请', en: 'applied' },
  accepted: { zh: '法院已受理', en: 'accepted by the court' },
  not_accepted: { zh: '法院不予受理', en: 'not accepted by the court' },
  confirmed: { zh: '裁定确认有效', en: 'confirmed' },
  rejected: { zh: '裁定驳回申请', en: 'rejected' },
  awarded: { zh: '已作出仲裁裁决', en: 'arbitral award made' },
  notarised: { zh: '已赋予强制执行效力', en: 'notarised with enforceable effect' },
  refused: { zh: '不予办理', en: 'refused' },
};

const decision = <A extends string>(action: A) =>
  z.strictObject({
    action: z.literal(action),
    /** When it was decided (defaults to now; not before the application, not in the future). */
    at: InstantSchema.optional(),
  });

/**
 * The body of POST /v1/cases/:id/agreement, one shape per action: `apply` opens a route; the court
 * decides whether to `accept` (or `not_accept`) a judicial confirmation and then `confirm` or
 * `reject` it; arbitration ends in `award` or `refuse`, notarisation in `notarise` or `refuse`.
 */
export const AgreementCommandSchema = z
  .discriminatedUnion('action', [
    z.strictObject({
      action: z.literal('apply'),
      route: AgreementRouteKindSchema,
      /** When the parties applied (defaults to now): judicial confirmation only within the window after the agreement. */
      at: InstantSchema.optional(),
    }),
    decision('accept'),
    decision('not_accept'),
    decision('confirm'),
    decision('reject'),
    decision('award'),
    decision('notarise'),
    decision('refuse'),
  ])
  .meta({ id: 'AgreementCommand' });
export type AgreementCommand = z.infer<typeof AgreementCommandSchema>;
export type AgreementAction = AgreementCommand['action'];
export const AGREEMENT_ACTIONS = ['apply', 'accept', 'not_accept', 'confirm', 'reject', 'award', 'notarise', 'refuse'] as const;
export const AgreementActionSchema = z.enum(AGREEMENT_ACTIONS);
