import simulatorJson from './simulator.json';
import { parseOrThrow } from '../domain/config/parse-config';
import { z } from 'zod';
import { CaseClassSchema, CategorySchema, ChannelSchema } from '../domain';
import { FulfilmentParamsSchema } from './fulfilment-params';

const share = z.number().min(0).max(1);
const range = z.tuple([z.number(), z.number()]);
const logNormal = z.strictObject({ median: z.number().positive(), sigma: z.number().min(0) });

/** Parameters of the county simulator (src/simulator/simulator.json, documented in docs/simulator.md). */
export const SimulatorParamsSchema = z.strictObject({
  $comment: z.string().optional(),
  annualDisputes: z.number().positive(),
  channelAnnual: z.record(ChannelSchema, z.number().min(0)),
  /** Monday … Sunday, mean 1. */
  weekdayFactors: z.array(z.number().min(0)).length(7),
  /** January … December, mean about 1. */
  monthFactors: z.array(z.number().min(0)).length(12),
  categoryMixByChannel: z.record(ChannelSchema, z.partialRecord(CategorySchema, share)),
  amountYuan: z.record(CategorySchema, z.strictObject({ zeroShare: share, median: z.number().positive(), sigma: z.number().min(0) })),
  parties: z.strictObject({
    /** [party count, probability] */
    sizes: z.array(z.tuple([z.number().int().min(1), share])).min(1),
    groupProneCategories: z.array(CategorySchema),
    /** Multiplies the probability of 5+ parties in group-prone categories. */
    groupProneFactor: z.number().min(1),
  }),
  priorAttempts: z.strictObject({ one: share, two: share }),
  priorPetitions: z.strictObject({
    petitionChannelMin: z.number().int().min(0),
    petitionChannelMax: z.number().int().min(0),
    otherChannelsShare: share,
  }),
  mediators: z.strictObject({
    village: z.strictObject({
      count: z.number().int().min(1),
      capacity: range,
      onLeaveShare: share,
      recusalsPerMediator: z.number().int().min(0),
    }),
    industry: z.strictObject({ capacity: range, atSeatShare: share, offCoverSkill: range, coverSkill: range }),
    gold: z.strictObject({ count: z.number().int().min(0), capacity: range, skill: range }),
    villageSkill: z.strictObject({ home: range, near: range, other: range }),
  }),
  /** Hidden truth: trueSkill = clamp(stated + ability + noise); logit p = intercept + skill × trueSkill + goldBonus − classPenalty − overloadPenalty × overload. */
  propensity: z.strictObject({
    intercept: z.number(),
    skill: z.number(),
    /** Sd of a mediator's general ability, added to every category's stated proficiency. */
    abilitySd: z.number().min(0),
    /** Sd of the per-category deviation of true skill from stated proficiency. */
    skillNoise: z.number().min(0),
    goldBonus: z.number(),
    classPenalty: z.record(CaseClassSchema, z.number()),
    overloadStart: share,
    overloadPenalty: z.number().min(0),
    panelBonus: z.number(),
  }),
  durationDays: z.strictObject({
    ordinary: logNormal,
    professional: logNormal,
    major: logNormal,
    /** Duration × (1 + stretch × overload). */
    overloadStretch: z.number().min(0),
  }),
  /** Fulfilment and judicial confirmation of simulated settlements (issue 17). */
  fulfilment: FulfilmentParamsSchema,
  /**
   * The simulated court's monthly figures (issue 17): transfers are the simulated court referrals,
   * filings after failed mediation the cases returned to court; `directFilingsPerTransfer` civil/commercial
   * cases are filed directly per transfer, `administrativePerMonth` administrative cases a month.
   * @defaultValue { directFilingsPerTransfer: 0.28, administrativePerMonth: 8 }
   */
  court: z
    .strictObject({ directFilingsPerTransfer: z.number().min(0).max(100), administrativePerMonth: z.number().min(0).max(1e6) })
    .optional(),
});
export type SimulatorParams = z.infer<typeof SimulatorParamsSchema>;

/** The bundled simulator parameters (simulator.json), validated; throws ConfigError. */
export function loadSimulatorParams(raw: unknown = simulatorJson): SimulatorParams {
  return parseOrThrow(SimulatorParamsSchema, raw, 'simulator.json');
}
