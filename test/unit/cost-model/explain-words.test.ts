import type { CandidateCost } from '../../../src/domain';
import { loadDispatchConfig } from '../../../src/domain/config/load';
import { buildDispatchProblem } from '../../../src/cost-model/build-problem';
import { makeExplainer } from '../../../src/cost-model/explain';
import { candidateWords, explanationWords } from '../../../src/cost-model/explain-words';
import { peopleBook } from '../../../src/cost-model/people';
import { caseFromReferral } from '../../../src/use-cases/intake/intake';
import { mediators, referrals } from '../../support/county-fixture';

const config = loadDispatchConfig();
const NOW = new Date('2024-03-06T02:00:00.000Z');
const ms = mediators();
const people = peopleBook(config, ms);
const village = ms.find((m) => m.tier === 'village' && m.village)!;
const industry = ms.find((m) => m.tier === 'industry')!;

/** A candidate priced like the cost model (expertise 4 × (1 − p), travel 1 per km, success 10 × (1 − s)). */
function candidate(mediatorId: string, f: { km: number; proficiency: number; success?: number; load?: number }): CandidateCost {
  const success = f.success ?? 0.6;
  const terms = { expertise: 4 * (1 - f.proficiency), travel: f.km, success: 10 * (1 - success), goldPremium: 0, overflow: 0, urgency: 3 };
  const arcCost = Object.values(terms).reduce((a, b) => a + b, 0);
  const loadCost = 4 * (((f.load ?? 1) + 1) / 5) ** 2;
  return {
    mediatorId,
    arcCost,
    loadCost,
    total: arcCost + loadCost,
    terms,
    facts: {
      tier: 'village',
      township: 't01',
      distanceKm: f.km,
      proficiency: f.proficiency,
      load: f.load ?? 1,
      capacity: 5,
      predictedSuccess: success,
    },
  };
}

const ctx = { category: 'family' as const, people };
/** Decimal figures in a text: none may have more than 2 decimals; distances have exactly 1. */
function expectRounded(text: string): void {
  expect(text).not.toMatch(/\d\.\d{3,}/);
  for (const m of text.matchAll(/(\d+(?:\.\d+)?) ?(?:km|公里)/g)) expect(m[1]).toMatch(/^\d+\.\d$/);
}

describe('explanation words', () => {
  test('when distance decides (same proficiency, one far away), then the distance is the first reason, in zh and en', () => {
    const near = candidate(village.id, { km: 3.2449, proficiency: 0.8 });
    const far = candidate(industry.id, { km: 25.04, proficiency: 0.8 });
    const en = explanationWords(near, far, ctx, 'en');
    const zh = explanationWords(near, far, ctx, 'zh-CN');
    expect(en.reasons[0]).toBe(`3.2 km away (${industry.name}: 25.0 km)`);
    expect(zh.reasons[0]).toBe(`距离3.2公里（${industry.name}为25.0公里）`);
    expect(en.summary).toMatch(/^Chosen: .* Next best: .*, costs 21\.8 more\.$/);
    expect(zh.summary).toMatch(/^选择.*次选.*综合成本高21\.8。$/);
    // a dispatcher's pin of the dearer one: its own advantages lead, the gap reads as "less"
    const pinned = explanationWords(far, near, ctx, 'en');
    expect(pinned.summary).toMatch(/costs 21\.8 less\.$/);
    expect(pinned.reasons.at(-1)).toBe(`25.0 km away (${village.name}: 3.2 km)`);
  });

  test('when expertise decides (same place, one knows the category), then proficiency is the first reason', () => {
    const expert = candidate(village.id, { km: 5, proficiency: 0.9199999999999999 });
    const novice = candidate(industry.id, { km: 5.5, proficiency: 0.3 });
    const en = explanationWords(expert, novice, ctx, 'en');
    const zh = explanationWords(expert, novice, ctx, 'zh-CN');
    expect(en.reasons[0]).toBe(`proficiency in family disputes 0.92 (${industry.name}: 0.3)`);
    expect(zh.reasons[0]).toBe(`家庭纠纷熟练度0.92（${industry.name}为0.3）`);
    // distance is a lesser reason, after it
    expect(en.reasons[1]).toMatch(/^5\.0 km away/);
  });

  test('when the chosen mediator is named, then the sentence carries name, tier, organisation and village', () => {
    const words = explanationWords(candidate(village.id, { km: 1, proficiency: 0.5 }), undefined, ctx, 'zh-CN');
    const person = people(village.id);
    expect(words.summary).toContain(village.name);
    expect(words.summary).toContain(person.tier.zh);
    expect(words.summary).toContain(person.organization.zh);
    expect(words.summary).toContain(person.village!.zh);
    expect(words.summary).toContain('唯一符合条件');
    const en = explanationWords(candidate(village.id, { km: 1, proficiency: 0.5 }), undefined, ctx, 'en');
    expect(en.summary).toContain(person.village!.en);
    expect(en.summary).toContain(person.township.en);
  });

  test('when the dispatch problem explains real seats, then every figure in both languages is rounded and the chosen mediator is named', () => {
    const cases = referrals(60, 'words').map((r) => {
      const made = caseFromReferral(r, config);
      if (!made.ok) throw new Error(made.message);
      return made.case;
    });
    const dp = buildDispatchProblem({ cases, mediators: ms, loads: new Map(), outcomes: [], config, now: NOW });
    const byId = new Map(cases.map((c) => [c.id, c]));
    const explain = makeExplainer(dp, (task) => ({ category: byId.get(dp.tasks[task]!.caseId)!.category, people }));
    const firstArcOfTask = new Map<number, number>();
    dp.candidates.forEach((a, i) => firstArcOfTask.has(a.task) || firstArcOfTask.set(a.task, i));
    expect(firstArcOfTask.size).toBeGreaterThan(50);
    for (const arc of firstArcOfTask.values()) {
      const e = explain(arc);
      const name = ms.find((m) => m.id === e.chosen.mediatorId)!.name;
      for (const words of [e.words!['zh-CN'], e.words!.en]) {
        expect(words.summary).toContain(name);
        expect(words.reasons.length).toBeGreaterThan(0);
        for (const text of [words.summary, ...words.reasons]) expectRounded(text);
      }
      expect(e.words!['zh-CN'].summary).toMatch(/^选择/);
      expect(e.words!.en.summary).toMatch(/^Chosen: /);
    }
  });

  test('when a case can wait, then the cost shown leaves its deadline priority out and the words say nothing of it', () => {
    const plain = candidate(village.id, { km: 3, proficiency: 0.8 });
    const waits = { ...plain, arcCost: plain.arcCost + 400, total: plain.total + 400, terms: { ...plain.terms, priority: 400 } };
    for (const locale of ['zh-CN', 'en'] as const) {
      const words = candidateWords(waits, undefined, false, ctx, locale);
      expect(words.summary).toBe(candidateWords(plain, undefined, false, ctx, locale).summary);
      expect(words.summary).not.toMatch(/40\d/);
    }
  });

  test('when a case must be served now, then the words end with served first and no cost figure for it', () => {
    const near = candidate(village.id, { km: 3, proficiency: 0.8 });
    const far = candidate(industry.id, { km: 15, proficiency: 0.8 });
    const en = explanationWords(near, far, { ...ctx, servedFirstDaysLeft: 0.6 }, 'en');
    const zh = explanationWords(near, far, { ...ctx, servedFirstDaysLeft: 0.6 }, 'zh-CN');
    expect(en.summary).toMatch(/Served first: due tomorrow\.$/);
    expect(zh.reasons.at(-1)).toContain('明日到期');
  });
});
