import { z } from 'zod';
import { CaseClassSchema, CategorySchema, ChannelSchema, LabelSchema, LocationSchema, SeatRoleSchema } from '..';

/** Schemas of the configuration data in src/domain/config/*.json; validated at load (see load.ts). */

export const VillageSchema = z.strictObject({
  id: z.string().min(1),
  name: LabelSchema,
  location: LocationSchema,
  population: z.number().int().min(0),
});
export type Village = z.infer<typeof VillageSchema>;

export const TownshipSchema = z.strictObject({
  id: z.string().min(1),
  name: LabelSchema,
  seat: LocationSchema,
  /** Townships whose village mediators take this township's ordinary cases as overflow. */
  neighbours: z.array(z.string().min(1)),
  villages: z.array(VillageSchema).min(1),
});
export type Township = z.infer<typeof TownshipSchema>;

export const CountySchema = z.strictObject({
  county: z.strictObject({
    id: z.string().min(1),
    name: LabelSchema,
    /** Inhabitants, for per-10,000 indicators. @defaultValue 170000 */
    population: z.number().int().min(1).default(170_000),
    seat: z.strictObject({ township: z.string().min(1), location: LocationSchema }),
  }),
  townships: z.array(TownshipSchema).min(1),
});
export type CountyMap = z.infer<typeof CountySchema>;

export const OrganizationSchema = z.strictObject({
  id: z.string().min(1),
  name: LabelSchema,
  /** Dispute categories the organisation handles. */
  categories: z.array(CategorySchema).min(1),
  /** Mediators the organisation has (used by the simulator). */
  headcount: z.number().int().min(0),
});
export type Organization = z.infer<typeof OrganizationSchema>;

export const OrganizationsSchema = z.strictObject({
  organizations: z.array(OrganizationSchema).min(1),
  centre: z.strictObject({ id: z.string().min(1), name: LabelSchema }),
});
export type Organizations = z.infer<typeof OrganizationsSchema>;

export const POOLS = ['village_home', 'village_neighbour', 'industry_covering', 'industry_legal', 'gold'] as const;
export const PoolSchema = z.enum(POOLS);
export type Pool = z.infer<typeof PoolSchema>;

export const SeatRuleSchema = z.strictObject({
  role: SeatRoleSchema,
  /** Pools eligible at no premium. */
  primary: z.array(PoolSchema).min(1),
  /** Pools eligible at a premium (overflow term, or gold premium for gold). */
  overflow: z.array(PoolSchema),
});
export type SeatRule = z.infer<typeof SeatRuleSchema>;

export const TierRulesSchema = z.strictObject({
  $comment: z.string().optional(),
  seats: z.strictObject({
    ordinary: z.array(SeatRuleSchema).min(1).max(2),
    professional: z.array(SeatRuleSchema).min(1).max(2),
    major: z.array(SeatRuleSchema).min(1).max(2),
  }),
  /** Organisations whose mediators may sit as the legal expert on any category. */
  legalOrganizations: z.array(z.string().min(1)),
  /** Categories where a village mediator may not take a case with a party from their own village. */
  ownVillageConflictCategories: z.array(CategorySchema),
  /** Days from referral to deadline: the smaller of the class figure and the channel figure (if any). */
  deadlineDays: z.strictObject({
    byClass: z.record(CaseClassSchema, z.number().positive()),
    byChannel: z.partialRecord(ChannelSchema, z.number().positive()),
  }),
});
export type TierRules = z.infer<typeof TierRulesSchema>;

export const CostWeightsSchema = z.strictObject({
  $comment: z.string().optional(),
  /** Cost at proficiency 0 (linear down to 0 at proficiency 1). */
  expertise: z.number().min(0),
  /** Cost per 10 km from the mediator to the case. */
  travelPer10Km: z.number().min(0),
  /** Cost per unit of predicted failure probability (1 − p). */
  success: z.number().min(0),
  /**
   * Predicted success, learned from outcome history by a hierarchical logistic model
   * (src/cost-model/success-model.ts): logit p = intercept + perProficiency × stated
   * proficiency (+ tier offsets), the calibration fitted to all outcomes with a prior of sd
   * `calibrationSd` around these values, plus a mediator effect (sd `mediatorSd`) shared by their
   * categories and a mediator × category effect (sd `categorySd`), shrunk by how few outcomes back them.
   */
  successModel: z.strictObject({
    intercept: z.number(),
    perProficiency: z.number(),
    calibrationSd: z.number().positive(),
    mediatorSd: z.number().min(0),
    categorySd: z.number().min(0),
  }),
  /** Cost of putting a gold-medal mediator on a non-major case. */
  goldPremium: z.number().min(0),
  /** Cost of an overflow pool other than gold (e.g. a neighbouring township). */
  overflow: z.number().min(0),
  /** Cost = weight × min(days to deadline, horizon) / horizon, constant per case. */
  urgency: z.strictObject({ weight: z.number().min(0), horizonDays: z.number().positive() }),
  /** Marginal cost of the k-th open case = weight × (k / capacity)^exponent. */
  load: z.strictObject({ weight: z.number().min(0), exponent: z.number().min(1) }),
  /** Cost per unfilled seat; far above any arc so that as many seats as possible are filled. */
  unassignedCost: z.number().positive(),
  /** Runners-up listed in each explanation. */
  alternatives: z.number().int().min(0),
});
export type CostWeights = z.infer<typeof CostWeightsSchema>;

export { ClassificationSchema, type ClassificationRules } from '../classification';
import type { ClassificationRules } from '../classification';

/** Everything dispatch needs to know about a county besides its mediators and cases. */
export interface DispatchConfig {
  readonly county: CountyMap;
  readonly organizations: Organizations;
  readonly tierRules: TierRules;
  readonly weights: CostWeights;
  readonly classification: ClassificationRules;
}
