import { loadDispatchConfig } from '../../../src/domain/config/load';
import { loadPanelRules, PanelRulesSchema } from '../../../src/domain/config/panel-rules-config';
import { panelRoomKinds, planPanel, sectorCategories, type PanelFacts } from '../../../src/cost-model/panel-plan';
import { panelWords } from '../../../src/cost-model/panel-words';
import { crossCheckConfig } from '../../../src/domain/config/cross-check';
import { ConfigError } from '../../../src/domain/errors';

const config = loadDispatchConfig();
const rules = loadPanelRules();
const sectors = sectorCategories(config.organizations, config.tierRules);

/** A small family dispute from a walk-in: the plan's floor. */
function facts(over: Partial<PanelFacts> & { partyCount?: number } = {}): PanelFacts {
  const { partyCount = 2, ...rest } = over;
  return {
    category: 'family',
    channel: 'walk_in',
    amountYuan: 0,
    priorPetitions: 0,
    parties: Array.from({ length: partyCount }, (_, i) => ({ ref: `p${i}` })),
    ...rest,
  };
}

const codes = (p: ReturnType<typeof planPanel>) => p.reasons.map((r) => r.code);

describe('panel sizing (panel-rules.json)', () => {
  test('when a small family dispute is major, then the panel is a gold lead and one sector expert, no liaison, civil affairs summoned', () => {
    const p = planPanel(facts(), rules, sectors);
    expect(p.seats).toEqual(['lead', 'expert']);
    expect(p.reasons).toEqual([]);
    expect(p.liaison).toBeNull();
    expect(p.departments).toEqual([{ id: 'civil_affairs', reasons: [{ code: 'department_by_category' }] }]);
  });

  test('when the dispute has 40 parties, then two experts (sector and legal), with the figure and the threshold', () => {
    const p = planPanel(facts({ partyCount: 40 }), rules, sectors);
    expect(p.seats).toEqual(['lead', 'expert', 'legal_expert']);
    expect(p.reasons).toEqual([{ code: 'many_parties', value: 40, threshold: 10 }]);
  });

  test('when 9 parties, then still one expert (the threshold is 10)', () => {
    expect(planPanel(facts({ partyCount: 9 }), rules, sectors).seats).toEqual(['lead', 'expert']);
  });

  test('when the amount is 500,000 yuan, then two experts; at 499,999 and a category without law, one', () => {
    expect(planPanel(facts({ category: 'neighbour', amountYuan: 500_000 }), rules, sectors).seats).toEqual([
      'lead',
      'expert',
      'legal_expert',
    ]);
    const below = planPanel(facts({ category: 'neighbour', amountYuan: 199_999 }), rules, sectors);
    expect(below.seats).toEqual(['lead', 'expert']);
  });

  test('when the amount reaches 200,000 yuan, then the dispute needs law whatever its category', () => {
    const p = planPanel(facts({ category: 'neighbour', amountYuan: 200_000 }), rules, sectors);
    expect(p.seats).toEqual(['lead', 'expert', 'legal_expert']);
    expect(codes(p)).toEqual(['law_by_amount']);
  });

  test('when a medical dispute is major, then a legal expert sits beside the sector expert (law by category)', () => {
    const p = planPanel(facts({ category: 'medical' }), rules, sectors);
    expect(p.seats).toEqual(['lead', 'expert', 'legal_expert']);
    expect(codes(p)).toEqual(['law_by_category']);
    expect(p.departments.map((d) => d.id)).toEqual(['health']);
  });

  test('when no sector organisation covers the category (administrative), then the legal expert is the only expert', () => {
    const p = planPanel(facts({ category: 'administrative', partyCount: 40 }), rules, sectors);
    expect(p.seats).toEqual(['lead', 'legal_expert']);
    expect(codes(p)).toContain('no_sector_organisation');
  });

  test('when the parties petitioned once, then the petition office is summoned; twice, also a second expert (repeat petitions)', () => {
    const once = planPanel(facts({ priorPetitions: 1 }), rules, sectors);
    expect(once.departments.map((d) => d.id)).toContain('petition_office');
    expect(once.seats).toEqual(['lead', 'expert']);
    const twice = planPanel(facts({ priorPetitions: 2 }), rules, sectors);
    expect(twice.seats).toEqual(['lead', 'expert', 'legal_expert']);
    expect(codes(twice)).toEqual(['repeat_petitions']);
  });

  test('when a petition-office referral petitioned before, then the petition office is listed once with both reasons', () => {
    const p = planPanel(facts({ channel: 'petition', priorPetitions: 3 }), rules, sectors);
    const office = p.departments.filter((d) => d.id === 'petition_office');
    expect(office).toHaveLength(1);
    expect(office[0]!.reasons.map((r) => r.code)).toEqual(['department_by_channel', 'petitioned']);
  });

  test('when the court referred the case, then a judge joins as court liaison and the court is summoned', () => {
    const p = planPanel(facts({ channel: 'court', category: 'land' }), rules, sectors);
    expect(p.liaison).toEqual({ role: 'court_liaison', reasons: [{ code: 'court_channel' }] });
    expect(p.departments.map((d) => d.id)).toEqual(['natural_resources', 'agriculture_rural', 'court']);
  });

  test('when a police referral is about 1,000,000 yuan, then a lawyer joins; at 999,999 nobody', () => {
    expect(planPanel(facts({ channel: 'police', amountYuan: 1_000_000 }), rules, sectors).liaison?.role).toBe('lawyer');
    expect(planPanel(facts({ channel: 'police', amountYuan: 999_999 }), rules, sectors).liaison).toBeNull();
  });

  test('when the plan has a legal expert, then its joint sessions need a legal-expert room; otherwise the class decides', () => {
    expect(panelRoomKinds(planPanel(facts({ category: 'medical' }), rules, sectors), rules)).toEqual(['legal_expert']);
    expect(panelRoomKinds(planPanel(facts(), rules, sectors), rules)).toBeUndefined();
    expect(panelRoomKinds(undefined, rules)).toBeUndefined();
  });

  test('when the plan is read in zh and en, then every reason is a sentence with its figure, departments and roles named', () => {
    const p = planPanel(facts({ channel: 'court', category: 'traffic', partyCount: 40 }), rules, sectors);
    const en = panelWords(p, { category: 'traffic', channel: 'court' }, 'en');
    const zh = panelWords(p, { category: 'traffic', channel: 'court' }, 'zh-CN');
    expect(en.reasons).toContain('40 parties (≥ 10): two experts');
    expect(zh.reasons).toContain('当事人40人（≥10），配两名专家');
    expect(en.liaison).toEqual({
      role: 'court_liaison',
      label: 'court liaison (judge)',
      reasons: ['referred by the court: a judge joins as court liaison'],
    });
    expect(en.departments.map((d) => d.name)).toEqual([
      'County Transport Bureau',
      'County Public Security Bureau',
      "County People's Court",
    ]);
    expect(zh.seats.map((s) => s.label)).toEqual(['主调（金牌）', '专家调解员', '法律专家']);
    for (const w of [...en.reasons, ...zh.reasons, ...en.departments.flatMap((d) => d.reasons)]) expect(w).not.toMatch(/[{}]/);
  });
});

describe('panel rules and panel seats as configuration', () => {
  test('when a threshold is missing, then its TSDoc default applies; when one is below 1, then the file is refused naming the field', () => {
    const parsed = PanelRulesSchema.parse({ law: { categories: [] }, departments: { byCategory: {}, byChannel: {} } });
    expect(parsed.twoExperts).toEqual({ partiesAtLeast: 10, amountYuanAtLeast: 500_000, priorPetitionsAtLeast: 2 });
    expect(parsed.jointSessions.withLegalExpert).toEqual(['legal_expert']);
    expect(() => loadPanelRules({ ...parsed, twoExperts: { ...parsed.twoExperts, partiesAtLeast: 0 } })).toThrow(ConfigError);
    expect(() => loadPanelRules({ ...parsed, twoExperts: { ...parsed.twoExperts, partiesAtLeast: 0 } })).toThrow(
      /twoExperts\.partiesAtLeast/,
    );
  });

  test('when two panel seats could draw the same mediator, then the configuration is refused', () => {
    expect(crossCheckConfig(config)).toEqual([]);
    const overlapping = {
      ...config,
      tierRules: {
        ...config.tierRules,
        panelSeats: [
          { role: 'lead' as const, primary: ['gold' as const], overflow: [] },
          { role: 'expert' as const, primary: ['industry_covering' as const], overflow: [] },
          { role: 'legal_expert' as const, primary: ['industry_legal' as const], overflow: [] },
        ],
      },
    };
    expect(crossCheckConfig(overlapping)).toEqual([
      'tier-rules.json: panelSeats: expert and legal_expert may draw the same mediator; use disjoint pools',
    ]);
  });
});
