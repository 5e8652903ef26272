import { CATEGORY_LABELS, CHANNEL_LABELS, LIAISON_ROLE_LABELS, SEAT_ROLE_LABELS } from '../domain';
import { defaultDepartmentLabels } from '../domain/config/departments-config';
import type { Category, Channel, PanelPlan, PanelReason, PanelReasonCode } from '../domain';
import { format, type MessageKey } from '../domain/i18n/catalogue';
import { inLocale, type Locale } from '../domain/i18n/locale';
import { figure } from '../domain/i18n/numbers';

/** The sentence of each sizing rule (src/domain/i18n/catalogue.ts, `panel…`). */
const REASON_MESSAGE: Readonly<Record<PanelReasonCode, MessageKey>> = {
  many_parties: 'panelManyParties',
  large_amount: 'panelLargeAmount',
  repeat_petitions: 'panelRepeatPetitions',
  petitioned: 'panelPetitioned',
  law_by_category: 'panelLawByCategory',
  law_by_amount: 'panelLawByAmount',
  no_sector_organisation: 'panelNoSector',
  court_channel: 'panelCourtChannel',
  lawyer_amount: 'panelLawyerAmount',
  department_by_category: 'panelDepartmentByCategory',
  department_by_channel: 'panelDepartmentByChannel',
};

/** What a reason's sentence may name about the case. */
export interface PanelCaseWords {
  readonly category: Category;
  readonly channel: Channel;
}

/** One sizing reason as a sentence in the locale. */
export function panelReasonText(r: PanelReason, c: PanelCaseWords, locale: Locale): string {
  return format(REASON_MESSAGE[r.code], locale, {
    category: inLocale(CATEGORY_LABELS[c.category], locale),
    channel: inLocale(CHANNEL_LABELS[c.channel], locale),
    ...(r.value !== undefined ? { value: figure(r.value) } : {}),
    ...(r.threshold !== undefined ? { threshold: figure(r.threshold) } : {}),
  });
}

/** The plan in words: role names, department names, each reason as a sentence. */
export interface PanelWords {
  readonly seats: readonly { readonly role: string; readonly label: string }[];
  readonly reasons: readonly string[];
  readonly liaison: { readonly role: string; readonly label: string; readonly reasons: readonly string[] } | null;
  readonly departments: readonly { readonly id: string; readonly name: string; readonly reasons: readonly string[] }[];
}

export function panelWords(plan: PanelPlan, c: PanelCaseWords, locale: Locale): PanelWords {
  const text = (r: PanelReason) => panelReasonText(r, c, locale);
  const liaison = plan.liaison;
  return {
    seats: plan.seats.map((role) => ({ role, label: inLocale(SEAT_ROLE_LABELS[role], locale) })),
    reasons: plan.reasons.map(text),
    liaison: liaison
      ? { role: liaison.role, label: inLocale(LIAISON_ROLE_LABELS[liaison.role], locale), reasons: liaison.reasons.map(text) }
      : null,
    departments: plan.departments.map((d) => ({ id: d.id, name: departmentName(d.id, locale), reasons: d.reasons.map(text) })),
  };
}

const DEPARTMENT_NAMES = defaultDepartmentLabels();

/** A department's name from the bundled roster (panel rules only name bundled departments); its id when unknown. */
function departmentName(id: string, locale: Locale): string {
  const label = DEPARTMENT_NAMES[id];
  return label === undefined ? id : inLocale(label, locale);
}
