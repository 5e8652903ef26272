import { z } from 'zod';
import type { Label } from './labels';

/**
 * The closed vocabularies of the domain — dispute categories, mediator tiers, referral channels
 * and case classes — each with Chinese and English labels.
 */

export const CATEGORIES = [
  'family',
  'marriage_inheritance',
  'neighbour',
  'land',
  'utilities',
  'medical',
  'traffic',
  'labour',
  'contract_debt',
  'property_demolition',
  'consumer',
  'administrative',
  'property_management',
  'environment',
] as const;
export const CategorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof CategorySchema>;

export const CATEGORY_LABELS: Readonly<Record<Category, Label>> = {
  family: { zh: '家庭纠纷', en: 'family' },
  marriage_inheritance: { zh: '婚姻继承纠纷', en: 'marriage and inheritance' },
  neighbour: { zh: '邻里纠纷', en: 'neighbour' },
  land: { zh: '土地承包与宅基地纠纷', en: 'land (contracting, homesteads)' },
  utilities: { zh: '水电气暖纠纷', en: 'water, power, gas and heat supply' },
  medical: { zh: '医疗纠纷', en: 'medical' },
  traffic: { zh: '交通事故纠纷', en: 'traffic accident' },
  labour: { zh: '劳动争议与欠薪纠纷', en: 'labour and unpaid wages' },
  contract_debt: { zh: '合同与债务纠纷', en: 'contract and debt' },
  property_demolition: { zh: '房产与征地拆迁纠纷', en: 'property and demolition' },
  consumer: { zh: '消费纠纷', en: 'consumer' },
  administrative: { zh: '行政争议', en: 'administrative' },
  property_management: { zh: '物业纠纷', en: 'property management' },
  environment: { zh: '环境污染纠纷', en: 'environmental pollution' },
};

/** Mediator tiers: sector organisations, village committees, and the centre's gold-medal mediators. */
export const TIERS = ['industry', 'village', 'gold'] as const;
export const TierSchema = z.enum(TIERS);
export type Tier = z.infer<typeof TierSchema>;

export const TIER_LABELS: Readonly<Record<Tier, Label>> = {
  industry: { zh: '行业性专业调解', en: 'industry (sector) mediator' },
  village: { zh: '村（社区）人民调解', en: 'village mediator' },
  gold: { zh: '金牌调解员', en: 'gold-medal mediator' },
};

/** Where a referral comes from: the "three mediation linkages" plus walk-ins. */
export const CHANNELS = ['court', 'petition', 'police', 'walk_in'] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

export const CHANNEL_LABELS: Readonly<Record<Channel, Label>> = {
  court: { zh: '诉调对接', en: 'court referral' },
  petition: { zh: '访调对接', en: 'petition office' },
  police: { zh: '警调对接', en: 'police' },
  walk_in: { zh: '群众来访', en: 'walk-in' },
};

/** The three classes of the centre's "classified mediation". */
export const CASE_CLASSES = ['ordinary', 'professional', 'major'] as const;
export const CaseClassSchema = z.enum(CASE_CLASSES);
export type CaseClass = z.infer<typeof CaseClassSchema>;

export const CASE_CLASS_LABELS: Readonly<Record<CaseClass, Label>> = {
  ordinary: { zh: '普通', en: 'ordinary' },
  professional: { zh: '专业', en: 'professional' },
  major: { zh: '重大疑难复杂', en: 'major, difficult or complex' },
};

/**
 * The seat a mediator fills on a case: `sole` for ordinary and professional cases; a major case
 * has a panel: a gold-medal `lead`, an industry/legal `expert` and, when its panel plan says so
 * (src/cost-model/panel-plan.ts), a `legal_expert` from a legal organisation.
 */
export const SEAT_ROLES = ['sole', 'lead', 'expert', 'legal_expert'] as const;
export const SeatRoleSchema = z.enum(SEAT_ROLES);
export type SeatRole = z.infer<typeof SeatRoleSchema>;

export const SEAT_ROLE_LABELS: Readonly<Record<SeatRole, Label>> = {
  sole: { zh: '承办调解员', en: 'mediator' },
  lead: { zh: '主调（金牌）', en: 'panel lead (gold)' },
  expert: { zh: '专家调解员', en: 'panel expert' },
  // convening (issue 17): a major case's panel plan may add a legal expert beside the sector expert.
  legal_expert: { zh: '法律专家', en: 'panel legal expert' },
};
