import type { Label } from './labels';

/** The indicators the county is assessed on (issue 17), plus the project's 优质率. */
export const ASSESSED_INDICATORS = [
  'lawsuitsPer10k',
  'preLitigationRate',
  'successRate',
  'departmentsOnTimeRate',
  'highQualityRate',
] as const;
export type AssessedIndicator = (typeof ASSESSED_INDICATORS)[number];

/** Their names as the county's assessment writes them. */
export const INDICATOR_LABELS: Readonly<Record<AssessedIndicator, Label>> = {
  lawsuitsPer10k: { zh: '万人成讼率', en: 'lawsuits per 10,000 inhabitants' },
  preLitigationRate: { zh: '诉前调解率', en: 'pre-litigation mediation rate' },
  successRate: { zh: '调处成功率', en: 'mediation success rate' },
  departmentsOnTimeRate: { zh: '按时到位率', en: 'on-time arrival of summoned departments' },
  highQualityRate: { zh: '优质率', en: 'high-quality rate' },
};
