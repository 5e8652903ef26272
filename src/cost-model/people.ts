import { TIER_LABELS, type Label, type Mediator } from '../domain';
import type { DispatchConfig } from '../domain/config/schema';
import { indexCounty } from '../domain/config/county-index';
import { organizationNamer } from '../domain/config/organization-names';
import { format, type MessageKey } from '../domain/i18n/catalogue';
import { inLocale, type Locale } from '../domain/i18n/locale';

/**
 * How a mediator is named to people: name, tier, organisation and place (village and township,
 * or the township alone), with the labels from the county configuration.
 */
export interface PersonLabels {
  readonly name: string;
  readonly tier: Label;
  readonly organization: Label;
  readonly township: Label;
  /** Village tier only. */
  readonly village?: Label;
}

/** Looks mediators up by id; an unknown id gets its id as name, so a sentence never fails. */
export type PeopleBook = (mediatorId: string) => PersonLabels;

const unknownLabel = (id: string): Label => ({ zh: id, en: id });

export function peopleBook(config: Pick<DispatchConfig, 'county' | 'organizations'>, mediators: readonly Mediator[]): PeopleBook {
  const county = indexCounty(config.county);
  const organizationOf = organizationNamer(config);
  const byId = new Map(mediators.map((m) => [m.id, m]));
  return (id) => {
    const m = byId.get(id);
    if (!m) return { name: id, tier: unknownLabel('?'), organization: unknownLabel('?'), township: unknownLabel('?') };
    const village = m.village ? county.village(m.village)?.name : undefined;
    return {
      name: m.name,
      tier: TIER_LABELS[m.tier],
      organization: organizationOf(m),
      township: county.township(m.township)?.name ?? unknownLabel(m.township),
      ...(village ? { village } : {}),
    };
  };
}

/** The person in a sentence: `徐长青（村（社区）人民调解，…，城关镇南泉社区）`. */
export function personText(p: PersonLabels, locale: Locale): string {
  const township = inLocale(p.township, locale);
  const place = p.village ? format('place', locale, { township, village: inLocale(p.village, locale) }) : township;
  return format('person', locale, {
    name: p.name,
    tier: inLocale(p.tier, locale),
    organization: inLocale(p.organization, locale),
    place,
  });
}

/** A term's name for people (cost terms and the load term). */
export const TERM_MESSAGE: Readonly<Record<string, MessageKey>> = {
  expertise: 'termExpertise',
  travel: 'termTravel',
  success: 'termSuccess',
  goldPremium: 'termGoldPremium',
  overflow: 'termOverflow',
  urgency: 'termUrgency',
  priority: 'termPriority',
  load: 'termLoad',
};
