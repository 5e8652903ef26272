import { loadDispatchConfig } from '../../../src/domain/config/load';
import { organizationNamer } from '../../../src/domain/config/organization-names';

describe('organisation names', () => {
  const config = loadDispatchConfig();
  const nameOf = organizationNamer(config);
  const village = config.county.townships[0]!.villages[0]!;

  test('when the organisation is configured, then its configured name is used (the centre too)', () => {
    const org = config.organizations.organizations[0]!;
    expect(nameOf({ organization: org.id })).toEqual(org.name);
    expect(nameOf({ organization: config.organizations.centre.id })).toEqual(config.organizations.centre.name);
  });
  test("when a village tier mediator's organisation is not configured, then it is named after their village's committee", () => {
    expect(nameOf({ organization: `vc-${village.id}`, village: village.id })).toEqual({
      zh: `${village.name.zh}人民调解委员会`,
      en: `${village.name.en} mediation committee`,
    });
  });
  test('when neither the organisation nor the village is known, then the id is its own name', () => {
    expect(nameOf({ organization: 'org-x' })).toEqual({ zh: 'org-x', en: 'org-x' });
    expect(nameOf({ organization: 'org-y', village: 'nowhere' })).toEqual({ zh: 'org-y', en: 'org-y' });
  });
});
