import type { Label } from '../labels';
import type { Mediator } from '../mediator';
import { format } from '../i18n/catalogue';
import { indexCounty } from './county-index';
import type { DispatchConfig } from './schema';

/** Names a mediator's organisation, in both languages. */
export type OrganizationNamer = (m: Pick<Mediator, 'organization' | 'village'>) => Label;

/**
 * The configured sector organisations and the centre by id; a village tier mediator's
 * organisation is not configured (it is their village's committee), so it is named after the
 * village. An id nobody knows is its own name, so a roster never shows a blank.
 */
export function organizationNamer(config: Pick<DispatchConfig, 'county' | 'organizations'>): OrganizationNamer {
  const named = new Map<string, Label>(config.organizations.organizations.map((o) => [o.id, o.name]));
  named.set(config.organizations.centre.id, config.organizations.centre.name);
  const county = indexCounty(config.county);
  return (m) => {
    const known = named.get(m.organization);
    if (known) return known;
    const village = m.village ? county.village(m.village) : undefined;
    if (!village) return { zh: m.organization, en: m.organization };
    return {
      zh: format('villageCommittee', 'zh-CN', { village: village.name.zh }),
      en: format('villageCommittee', 'en', { village: village.name.en }),
    };
  };
}
