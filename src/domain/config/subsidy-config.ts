import { z } from 'zod';
import subsidyJson from './subsidy.json';
import { parseOrThrow } from './parse-config';
import { ChannelSchema } from '../taxonomy';

const yuan = z.number().min(200).max(500);
const byOutcome = z.strictObject({ settled: yuan, failed: yuan });

/** Per-case subsidy table and monthly budget (src/domain/config/subsidy.json). */
export const SubsidyConfigSchema = z.strictObject({
  $comment: z.string().optional(),
  /** Yuan per attempt by the attempt's class and outcome, 200–500. */
  yuanByClass: z.strictObject({ ordinary: byOutcome, professional: byOutcome, major: byOutcome }),
  /**
   * The channels whose cases earn the subsidy: the linked (对接) cases the centre takes from the
   * court, the petition office and the police. @defaultValue every channel (when left out)
   */
  channels: z.array(ChannelSchema).min(1).optional(),
  /** Budget per calendar month for the whole county. @defaultValue 120000 (subsidy.json) */
  monthlyBudgetYuan: z.number().positive(),
  /** Shares of the budget at which a warning is raised. @defaultValue [0.8, 0.95] */
  warnAtShares: z.array(z.number().gt(0).max(1)),
});
export type SubsidyConfig = z.infer<typeof SubsidyConfigSchema>;

export function loadSubsidyConfig(raw: unknown = subsidyJson): SubsidyConfig {
  return parseOrThrow(SubsidyConfigSchema, raw, 'subsidy.json');
}
