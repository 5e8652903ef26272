import {
  DEFAULT_DEPARTMENT_IDS,
  defaultSummonsSettings,
  departmentsFor,
  loadSummonsSettings,
} from '../../../src/domain/config/departments-config';
import departmentsJson from '../../../src/domain/config/departments.json';
import { VOCABULARY } from '../../../src/domain/i18n/vocabulary';

describe('department roster (departments.json)', () => {
  test('when the bundled roster loads, then it names exactly the agreed department ids, each with zh and en names', () => {
    const s = defaultSummonsSettings();
    expect(s.departments.map((d) => d.id)).toEqual([...DEFAULT_DEPARTMENT_IDS]);
    expect(s.reminderHoursBefore).toEqual([24, 2]);
    expect(Object.keys(VOCABULARY.departments)).toEqual([...DEFAULT_DEPARTMENT_IDS]);
  });

  test('when a department id appears twice, then loading fails naming it', () => {
    const twice = { ...departmentsJson, departments: [...departmentsJson.departments, departmentsJson.departments[0]] };
    expect(() => loadSummonsSettings(twice)).toThrow('duplicate department id "court"');
  });

  test('when a department names an unknown category, then loading fails naming the field', () => {
    const bad = { ...departmentsJson, departments: [{ id: 'x', name: { zh: '某', en: 'x' }, categories: ['quidditch'] }] };
    expect(() => loadSummonsSettings(bad)).toThrow(/departments\.0\.categories\.0/);
  });

  test('when asking who answers for a land dispute, then natural resources and agriculture are named', () => {
    expect(departmentsFor('land', defaultSummonsSettings())).toEqual(['natural_resources', 'agriculture_rural']);
    expect(departmentsFor('labour', defaultSummonsSettings())).toEqual(['human_resources_social_security']);
  });
});
