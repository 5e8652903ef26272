import { z } from 'zod';
import type { Label } from './labels';
import { SeatRoleSchema } from './taxonomy';
import { InstantSchema } from './instant';
import { IdentifierSchema } from './party-identifier';
import { LIMITS } from './limits';
import { DepartmentIdSchema, MAX_DEPARTMENTS } from './config/departments-config';

/**
 * A major case's panel plan (集中攻坚, issue 17 part 2): who sits (seat roles the optimizer fills),
 * which outside role joins them (a court or lawyer liaison), which departments are summoned, and
 * the sizing reasons — stored with the proposal and the assignment it staffs. The sizing rules
 * are in src/domain/config/panel-rules.json, applied by src/cost-model/panel-plan.ts.
 */

/**
 * The outside role a panel may have. Filled by a named external slot (a judge or a lawyer the
 * court or the justice bureau names), not by a mediator: they carry no mediator load and the
 * optimizer does not choose them; the dispatcher may record who (`ref`) when confirming.
 */
export const LIAISON_ROLES = ['court_liaison', 'lawyer'] as const;
export const LiaisonRoleSchema = z.enum(LIAISON_ROLES);
export type LiaisonRole = z.infer<typeof LiaisonRoleSchema>;

export const LIAISON_ROLE_LABELS: Readonly<Record<LiaisonRole, Label>> = {
  court_liaison: { zh: '法官联络', en: 'court liaison (judge)' },
  lawyer: { zh: '律师', en: 'lawyer' },
};

/** Why the plan has the shape it has: one code per sizing rule that fired. */
export const PANEL_REASONS = [
  'many_parties',
  'large_amount',
  'petitioned',
  'repeat_petitions',
  'law_by_category',
  'law_by_amount',
  'no_sector_organisation',
  'court_channel',
  'lawyer_amount',
  'department_by_category',
  'department_by_channel',
] as const;
export const PanelReasonCodeSchema = z.enum(PANEL_REASONS);
export type PanelReasonCode = z.infer<typeof PanelReasonCodeSchema>;

/** A fired rule with the case's figure and the rule's threshold, where there are any. */
export const PanelReasonSchema = z.strictObject({
  code: PanelReasonCodeSchema,
  /** The case's figure (parties, yuan, petitions). */
  value: z.number().min(0).max(1e12).optional(),
  /** The rule's threshold. */
  threshold: z.number().min(0).max(1e12).optional(),
});
export type PanelReason = z.infer<typeof PanelReasonSchema>;

export const PanelDepartmentSchema = z.strictObject({
  id: DepartmentIdSchema,
  reasons: z.array(PanelReasonSchema).min(1).max(PANEL_REASONS.length),
});
export type PanelDepartment = z.infer<typeof PanelDepartmentSchema>;

export const PanelPlanSchema = z.strictObject({
  /** The seats the optimizer fills, in order: `lead`, `expert`, and `legal_expert` when law is needed. */
  seats: z.array(SeatRoleSchema).min(1).max(LIMITS.seats),
  /** Why each expert seat is there (and why not more). */
  reasons: z.array(PanelReasonSchema).max(PANEL_REASONS.length),
  /** The outside role joining the panel, if any. */
  liaison: z.strictObject({ role: LiaisonRoleSchema, reasons: z.array(PanelReasonSchema).min(1).max(PANEL_REASONS.length) }).nullable(),
  departments: z.array(PanelDepartmentSchema).max(MAX_DEPARTMENTS),
  /** Set when a dispatcher confirmed the plan (with its swaps); absent on a proposal or an expiry. */
  confirmed: z
    .strictObject({
      at: InstantSchema,
      by: z.string().min(1).max(200),
      /** Seats the dispatcher changed: the role and who was proposed. */
      swaps: z.array(z.strictObject({ role: SeatRoleSchema, from: IdentifierSchema, to: IdentifierSchema })).max(LIMITS.seats),
      /** Who fills the liaison role, by reference (a court or bar id, never a party). */
      liaisonRef: IdentifierSchema.optional(),
    })
    .optional(),
});
export type PanelPlan = z.infer<typeof PanelPlanSchema>;
