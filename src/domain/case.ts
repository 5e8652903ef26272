import { z } from 'zod';
import { CandidateCostSchema, ExplanationSchema } from './explanation';
import { LocationSchema } from './geo';
import { ReferralSchema } from './referral';
import { CaseClassSchema, SeatRoleSchema } from './taxonomy';
import { InstantSchema } from './instant';
import { LIMITS } from './limits';
import { IdentifierSchema, ServiceIdSchema } from './party-identifier';
import { PanelPlanSchema } from './panel';

const id = IdentifierSchema;
const isoDateTime = InstantSchema;

/**
 * Case states. Dispatch uses `referred` (waiting), `assigned` and `unassigned` (no mediator could
 * take it in the last dispatch; it is waiting again for the next one). The lifecycle states after
 * assignment are listed here so every layer speaks one vocabulary; their transitions belong to the
 * lifecycle state machine.
 */
export const CASE_STATUSES = [
  'referred',
  'unassigned',
  'assigned',
  'accepted',
  'declined',
  'session_scheduled',
  'mediating',
  'settled',
  'attempt_failed',
  'returned_to_court',
  'withdrawn',
  // issue 16 — modes: waiting for a person (dispatch mode `manual` or a referral's `hold`), and a
  // proposal written by the optimizer for a dispatcher to confirm (mode `propose`). Neither is in
  // the waiting index: the batcher never solves them; a pin or a confirmation assigns them.
  'held',
  'proposed',
  // issue 16 — consent: a court referral without consent, not dispatched until consent is recorded.
  'awaiting_consent',
] as const;
export const CaseStatusSchema = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatusSchema>;

/** States in which a case waits for dispatch. */
export const WAITING_STATUSES: readonly CaseStatus[] = ['referred', 'unassigned'];

/** One mediator's seat on a case, with its cost and explanation. */
export const SeatSchema = z.strictObject({
  role: SeatRoleSchema,
  mediatorId: id,
  /** arc cost + marginal load cost of this seat. */
  cost: z.number(),
  explanation: ExplanationSchema.optional(),
});
export type Seat = z.infer<typeof SeatSchema>;

/** Who sits on a case: one mediator, or for a major case a two-seat panel (gold lead + expert). */
export const AssignmentSchema = z.strictObject({
  /** Distinct mediator ids, in seat order. */
  mediatorIds: z.array(id).min(1).max(LIMITS.seats),
  seats: z.array(SeatSchema).min(1).max(LIMITS.seats),
  /** Σ seat costs. */
  cost: z.number(),
  assignedAt: isoDateTime,
  /** `optimizer` for dispatch, `dispatcher` for a manual (pinned) choice. @defaultValue "optimizer" */
  by: z.enum(['optimizer', 'dispatcher']).default('optimizer'),
  /** A major case's panel plan (issue 17, convening): roles, liaison, departments, reasons. */
  panel: PanelPlanSchema.optional(),
});
export type Assignment = z.infer<typeof AssignmentSchema>;

/** Why a case got no mediator in a dispatch. */
export const UNASSIGNED_REASONS = [
  /** The hard rules leave no mediator at all (tier, category, recusal, leave). */
  'no_eligible_mediator',
  /** Eligible mediators exist but are all at capacity. */
  'capacity',
  /** Capacity ran short and more urgent cases were served first. */
  'outranked',
  /** A major case found a lead but no expert (or the reverse); a half panel is not assigned. */
  'incomplete_panel',
  /** The store refused the write (the case or a mediator changed since the snapshot). */
  'conflict',
  /** The stored case record failed validation: set aside (quarantined) and reported, never solved. */
  'invalid_record',
] as const;
export const UnassignedReasonSchema = z.enum(UNASSIGNED_REASONS);
export type UnassignedReason = z.infer<typeof UnassignedReasonSchema>;

/**
 * How a case imported from history (`POST /v1/referrals?backfill=true`, admin only) was taken in:
 * its clocks run from the referral's own dates, but nothing already due at import is fired again.
 */
export const BackfillSchema = z.strictObject({
  /** When the service took the case in (the referral's own date is `referredAt`). */
  importedAt: isoDateTime,
  /** The case's deadline (`deadlineAt`) had already passed at import. */
  overdueAtImport: z.boolean(),
});
export type Backfill = z.infer<typeof BackfillSchema>;

/**
 * What the optimizer proposes for a case in `propose` mode: seats with their explanations and the
 * ranked candidates per seat, until a dispatcher confirms it, pins another choice, or it expires
 * and is committed as proposed. A proposal holds no mediator load: the seats are checked against
 * capacity again when it is committed (confirm or expiry).
 */
export const ProposalSchema = z.strictObject({
  mediatorIds: z.array(id).min(1).max(LIMITS.seats),
  seats: z.array(SeatSchema).min(1).max(LIMITS.seats),
  /** Σ seat costs. */
  cost: z.number(),
  proposedAt: isoDateTime,
  /** When it is committed as proposed if nobody has decided (the county's `proposalTimeoutMinutes`). */
  expiresAt: isoDateTime,
  /** The cheapest eligible mediators per seat when it was proposed, so a dispatcher can pick another. */
  candidates: z
    .array(z.strictObject({ role: SeatRoleSchema, candidates: z.array(CandidateCostSchema).max(LIMITS.seats * 25) }))
    .max(LIMITS.seats),
  /** A major case's panel plan (issue 17, convening), carried to the assignment on commit. */
  panel: PanelPlanSchema.optional(),
});
export type Proposal = z.infer<typeof ProposalSchema>;

export const CaseSchema = ReferralSchema.extend({
  id: ServiceIdSchema,
  county: ServiceIdSchema,
  /** Given on intake, or suggested by the classification rules (see `classSource`). */
  class: CaseClassSchema,
  classSource: z.enum(['given', 'suggested']),
  location: LocationSchema,
  deadlineAt: isoDateTime,
  status: CaseStatusSchema,
  assignment: AssignmentSchema.nullable(),
  /** Set while status is `unassigned`. */
  unassignedReason: UnassignedReasonSchema.optional(),
  // issue 16 — intake
  /** Present only on a case imported from history with `backfill`. */
  backfill: BackfillSchema.optional(),
  /** Set while status is `proposed` (and kept, marked by `expiresAt`, if committing it at expiry failed). */
  proposal: ProposalSchema.optional(),
});
export type Case = z.infer<typeof CaseSchema>;
