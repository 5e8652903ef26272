import { z } from 'zod';
import { CaseClassSchema, CategorySchema, ChannelSchema, LabelSchema, LocationSchema, SeatRoleSchema } from '..';
import { IdentifierSchema } from '../party-identifier';

/** Upper bound of a cost weight: far above any weight in use, low enough that sums stay exact. */
const MAX_WEIGHT = 1e6;
/** Upper bound of a count of people (inhabitants, headcount). */
const MAX_PEOPLE = 1e9;
/** Upper bound of a list in the county data (townships, villages, organisations). */
const MAX_LIST = 10_000;

/** Schemas of the configuration data in src/domain/config/*.json; validated at load (see load.ts). */

export const VillageSchema = z.strictObject({
  id: IdentifierSchema,
  name: LabelSchema,
  location: LocationSchema,
  population: z.number().int().min(0).max(MAX_PEOPLE),
});
export type Village = z.infer<typeof VillageSchema>;

export const TownshipSchema = z.strictObject({
  id: IdentifierSchema,
  name: LabelSchema,
  seat: LocationSchema,
  /** Townships whose village mediators take this township's ordinary cases as overflow. */
  neighbours: z.array(IdentifierSchema).max(MAX_LIST),
  villages: z.array(VillageSchema).min(1).max(MAX_LIST),
});
export type Township = z.infer<typeof TownshipSchema>;

export const CountySchema = z.strictObject({
  county: z.strictObject({
    id: IdentifierSchema,
    name: LabelSchema,
    /** Inhabitants, for per-10,000 indicators. @defaultValue 170000 */
    population: z.number().int().min(1).max(MAX_PEOPLE).default(170_000),
    /** The year `population` (and the villages' figures) describe. @defaultValue 2023 */
    populationYear: z.number().int().min(1900).max(2100).default(2023),
    seat: z.strictObject({ township: IdentifierSchema, location: LocationSchema }),
  }),
  townships: z.array(TownshipSchema).min(1).max(MAX_LIST),
});
export type CountyMap = z.infer<typeof CountySchema>;

export const OrganizationSchema = z.strictObject({
  id: IdentifierSchema,
  name: LabelSchema,
  /** Dispute categories the organisation handles. */
  categories: z.array(CategorySchema).min(1),
  /** Mediators the organisation has (used by the simulator). */
  headcount: z.number().int().min(0).max(MAX_PEOPLE),
});
export type Organization = z.infer<typeof OrganizationSchema>;

export const OrganizationsSchema = z.strictObject({
  organizations: z.array(OrganizationSchema).min(1).max(MAX_LIST),
  centre: z.strictObject({ id: IdentifierSchema, name: LabelSchema }),
});
export type Organizations = z.infer<typeof OrganizationsSchema>;

/**
 * `industry_sector` (issue 17, convening): industry mediators covering the category, not of a legal
 * organisation. `village_county` (issue 20): the village mediators of every township — the last ring
 * of overflow, reached only where travel and premium allow (the township and its neighbours first).
 */
export const POOLS = [
  'village_home',
  'village_neighbour',
  'industry_covering',
  'industry_legal',
  'gold',
  'industry_sector',
  'village_county',
] as const;
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
  /**
   * The seats a major case's panel plan may name (issue 17, convening; panel-rules.json sizes it),
   * one rule per role, pools pairwise disjoint so a panel is always distinct people.
   * @defaultValue none: a major case has the two `seats.major` seats
   */
  panelSeats: z.array(SeatRuleSchema).min(1).max(3).optional(),
  /** Organisations whose mediators may sit as the legal expert on any category. */
  legalOrganizations: z.array(IdentifierSchema).max(MAX_LIST),
  /** Categories where a village mediator may not take a case with a party from their own village. */
  ownVillageConflictCategories: z.array(CategorySchema),
  /** Days from referral to deadline: the smaller of the class figure and the channel figure (if any). */
  deadlineDays: z.strictObject({
    byClass: z.record(CaseClassSchema, z.number().positive().max(MAX_WEIGHT)),
    byChannel: z.partialRecord(ChannelSchema, z.number().positive().max(MAX_WEIGHT)),
  }),
});
export type TierRules = z.infer<typeof TierRulesSchema>;

export const CostWeightsSchema = z.strictObject({
  $comment: z.string().optional(),
  /** Cost at proficiency 0 (linear down to 0 at proficiency 1). */
  expertise: z.number().min(0).max(MAX_WEIGHT),
  /** Cost per 10 km from the mediator to the case. */
  travelPer10Km: z.number().min(0).max(MAX_WEIGHT),
  /** Cost per unit of predicted failure probability (1 − p). */
  success: z.number().min(0).max(MAX_WEIGHT),
  /**
   * The `success` weight where seats run short (seat pressure, `seatPressure`): a case that fails
   * there also held a seat another case was waiting for. @defaultValue `success`
   */
  successUnderPressure: z.number().min(0).max(MAX_WEIGHT).optional(),
  /**
   * Predicted success, learned from outcome history by a hierarchical logistic model
   * (src/cost-model/success-model.ts): logit p = intercept + perProficiency × stated
   * proficiency (+ tier offsets), the calibration fitted to all outcomes with a prior of sd
   * `calibrationSd` around these values, plus a mediator effect (sd `mediatorSd`) shared by their
   * categories and a mediator × category effect (sd `categorySd`), shrunk by how few outcomes back them.
   */
  successModel: z.strictObject({
    intercept: z.number().min(-100).max(100),
    perProficiency: z.number().min(-100).max(100),
    calibrationSd: z.number().positive().max(MAX_WEIGHT),
    mediatorSd: z.number().min(0).max(MAX_WEIGHT),
    categorySd: z.number().min(0).max(MAX_WEIGHT),
  }),
  /**
   * Load-aware success (issue 20, src/cost-model/load-success.ts): per tier and band of load ratio
   * (open cases with the new one ÷ capacity, cut at `bandEdges`), a logit shift of predicted success
   * learned from closed cases around `priorShift` (sd `priorSd`); success lost to load costs
   * `weight` per unit of probability.
   */
  loadSuccess: z
    .strictObject({
      weight: z.number().min(0).max(MAX_WEIGHT),
      bandEdges: z.array(z.number().gt(0).lt(1)).min(1).max(10),
      priorShift: z.array(z.number().min(-20).max(20)).min(2).max(11),
      priorSd: z.number().positive().max(100),
      /** The weight where seats run short (seat pressure, `seatPressure`). @defaultValue `weight` */
      underPressure: z.number().min(0).max(MAX_WEIGHT).optional(),
    })
    .refine((l) => l.priorShift.length === l.bandEdges.length + 1, {
      message: 'priorShift needs one entry per band (bandEdges + 1)',
      path: ['priorShift'],
    })
    .refine((l) => l.bandEdges.every((e, i) => i === 0 || e > (l.bandEdges[i - 1] ?? 0)), {
      message: 'bandEdges must increase',
      path: ['bandEdges'],
    }),
  /** Cost of putting a gold-medal mediator on a non-major case. */
  goldPremium: z.number().min(0).max(MAX_WEIGHT),
  /** Cost of an overflow pool other than gold (e.g. a neighbouring township). */
  overflow: z.number().min(0).max(MAX_WEIGHT),
  /** Cost = weight × min(days to deadline, horizon) / horizon, constant per case. */
  urgency: z.strictObject({ weight: z.number().min(0).max(MAX_WEIGHT), horizonDays: z.number().positive().max(MAX_WEIGHT) }),
  /**
   * Deadlines as priorities (issue 20): a case with no more than `workDays[class] + marginDays`
   * days left before its deadline must be served now; every arc of a case that can wait costs
   * `waitCost` more. `waitCost` must exceed the spread of the other terms within the county and
   * stay below `unassignedCost` less the largest arc (src/cost-model/terms.ts `waitPriorityCost`).
   */
  priority: z.strictObject({
    waitCost: z.number().min(0).max(MAX_WEIGHT),
    marginDays: z.number().min(0).max(MAX_WEIGHT),
    workDays: z.strictObject({
      ordinary: z.number().min(0).max(MAX_WEIGHT),
      professional: z.number().min(0).max(MAX_WEIGHT),
      major: z.number().min(0).max(MAX_WEIGHT),
    }),
  }),
  /** Marginal cost of the k-th open case = weight × (k / capacity)^exponent. */
  load: z.strictObject({
    weight: z.number().min(0).max(MAX_WEIGHT),
    exponent: z.number().min(1).max(10),
    /** The weight where seats run short (seat pressure, `seatPressure`). @defaultValue `weight` */
    underPressure: z.number().min(0).max(MAX_WEIGHT).optional(),
  }),
  /**
   * Seat pressure (issue 20, src/cost-model/seat-pressure.ts): the utilisation of a mediator's pool
   * at which `success`, `load.weight` and `loadSuccess.weight` start ramping (`from`) to their
   * pressured values (`successUnderPressure`, `underPressure`), reached at `to`. @defaultValue absent: the weights hold everywhere
   */
  seatPressure: z
    .strictObject({ from: z.number().min(0).max(2), to: z.number().min(0).max(2) })
    .refine((p) => p.to > p.from, { message: 'to must be above from', path: ['to'] })
    .optional(),
  /** Cost per unfilled seat; far above any arc so that as many seats as possible are filled. */
  unassignedCost: z.number().positive().max(MAX_WEIGHT),
  /** Runners-up listed in each explanation. */
  alternatives: z.number().int().min(0).max(20),
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
