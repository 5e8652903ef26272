import fc from 'fast-check';
import { dispatchBatch } from '../../../src/use-cases/dispatch/dispatch-batch';
import { MemoryDispatchStore } from '../../../src/adapters/memory/dispatch-memory-store';
import { loadPanelRules } from '../../../src/domain/config/panel-rules-config';
import { CATEGORIES, type Assignment, type Case, type Category, type Mediator } from '../../../src/domain';
import organizationsJson from '../../../src/domain/config/organizations.json';
import { caseIn, config, goldMediator, industryMediator, NOW, villageMediator } from '../cost-model/helpers';
import type { ProposalEntry, ProposalStore } from '../../../src/use-cases/dispatch/proposal-port';
import { DEFAULT_DISPATCH_SETTINGS } from '../../../src/domain/config/dispatch-settings';

const panels = { rules: loadPanelRules() };

/**
 * The independent check, read from the JSON files and written here without the cost model: who
 * may sit in each panel role. Lead: gold. Expert: an industry mediator of an organisation that
 * covers the category and is not the legal one. Legal expert: a mediator of the legal organisation.
 */
const covers = new Map(organizationsJson.organizations.map((o) => [o.id, new Set<string>(o.categories)]));
function mayTake(role: string, m: Mediator, c: Case): boolean {
  if (c.attempts.includes(m.id) || m.status !== 'active') return false;
  if (role === 'lead') return m.tier === 'gold';
  if (role === 'expert')
    return m.tier === 'industry' && m.organization !== 'legal' && (covers.get(m.organization)?.has(c.category) ?? false);
  if (role === 'legal_expert') return m.tier === 'industry' && m.organization === 'legal';
  return false;
}

function checkPanels(
  assigned: readonly { caseId: string; assignment: Assignment }[],
  cases: readonly Case[],
  mediators: readonly Mediator[],
) {
  const byId = new Map(mediators.map((m) => [m.id, m]));
  const load = new Map<string, number>();
  for (const a of assigned) {
    const c = cases.find((x) => x.id === a.caseId)!;
    const plan = a.assignment.panel!;
    expect(plan).toBeDefined();
    expect(a.assignment.seats.map((s) => s.role)).toEqual(plan.seats);
    expect(new Set(a.assignment.mediatorIds).size).toBe(a.assignment.mediatorIds.length);
    for (const s of a.assignment.seats) {
      expect(mayTake(s.role, byId.get(s.mediatorId)!, c)).toBe(true);
      load.set(s.mediatorId, (load.get(s.mediatorId) ?? 0) + 1);
    }
  }
  for (const [id, n] of load) expect(n).toBeLessThanOrEqual(byId.get(id)!.capacity);
}

function pool(capacity: number): Mediator[] {
  return [
    goldMediator('g1', { capacity }),
    goldMediator('g2', { capacity }),
    ...organizationsJson.organizations.flatMap((o) => [
      industryMediator(`i-${o.id}-1`, o.id, { capacity }),
      industryMediator(`i-${o.id}-2`, o.id, { capacity }),
    ]),
    villageMediator('v1', 't01-v03'),
  ];
}

describe('dispatch with panel plans', () => {
  test('when a 40-party medical dispute is dispatched, then lead, sector expert and legal expert are three people and the plan rides on the assignment', async () => {
    const s = new MemoryDispatchStore(pool(3));
    const parties = Array.from({ length: 40 }, (_, i) => ({ ref: `p${i}` }));
    s.addCase(caseIn('m1', 't04-v02', { class: 'major', category: 'medical', parties }));
    const r = await dispatchBatch(s, { config, now: NOW, panels });
    expect(r.unassigned).toEqual([]);
    const a = r.assigned[0]!.assignment;
    expect(a.seats.map((x) => x.role)).toEqual(['lead', 'expert', 'legal_expert']);
    expect(a.mediatorIds[1]).toMatch(/^i-medical-/);
    expect(a.mediatorIds[2]).toMatch(/^i-legal-/);
    expect(a.panel?.reasons.map((x) => x.code)).toEqual(['many_parties', 'law_by_category']);
    expect(s.getCase('m1')!.assignment?.panel?.departments.map((d) => d.id)).toEqual(['health']);
  });

  test('when dispatch runs without panel rules, then a major case keeps the two-seat panel of tier-rules.json', async () => {
    const s = new MemoryDispatchStore(pool(3));
    s.addCase(
      caseIn('m1', 't04-v02', { class: 'major', category: 'medical', parties: Array.from({ length: 40 }, (_, i) => ({ ref: `p${i}` })) }),
    );
    const r = await dispatchBatch(s, { config, now: NOW });
    expect(r.assigned[0]!.assignment.seats.map((x) => x.role)).toEqual(['lead', 'expert']);
    expect(r.assigned[0]!.assignment.panel).toBeUndefined();
  });

  test('when the only legal mediators are full, then a plan that needs law is not half-filled: the case waits, reason capacity', async () => {
    const ms = pool(3).map((m) => (m.organization === 'legal' ? { ...m, capacity: 0 } : m));
    const s = new MemoryDispatchStore(ms);
    s.addCase(caseIn('m1', 't04-v02', { class: 'major', category: 'medical' }));
    s.addCase(caseIn('m2', 't04-v02', { class: 'major', category: 'family' }));
    const r = await dispatchBatch(s, { config, now: NOW, panels });
    expect(r.assigned.map((a) => a.caseId)).toEqual(['m2']);
    expect(r.unassigned.map((u) => [u.caseId, u.reason])).toEqual([['m1', 'capacity']]);
  });

  test('when a major case is proposed, then the proposal carries the plan and candidates for every seat of it', async () => {
    const s = new MemoryDispatchStore(pool(3));
    s.addCase(caseIn('m1', 't04-v02', { class: 'major', category: 'traffic', channel: 'court' }));
    const proposed: ProposalEntry[] = [];
    const proposals: ProposalStore = {
      hold: (ids) => Promise.resolve(ids),
      propose: (entries) => (proposed.push(...entries), Promise.resolve(entries.map((e) => e.caseId))),
      dueProposals: () => Promise.resolve([]),
      release: () => Promise.resolve(false),
    };
    const r = await dispatchBatch(s, { config, now: NOW, panels, modes: { settings: DEFAULT_DISPATCH_SETTINGS, proposals } });
    expect(r.proposed.map((p) => p.caseId)).toEqual(['m1']);
    const p = proposed[0]!.proposal;
    expect(p.panel?.seats).toEqual(['lead', 'expert', 'legal_expert']);
    expect(p.panel?.liaison?.role).toBe('court_liaison');
    expect(p.candidates.map((c) => c.role)).toEqual(['lead', 'expert', 'legal_expert']);
    expect(p.mediatorIds).toHaveLength(3);
  });

  test('property: over random major cases and scarce capacity, every panel is distinct people, each eligible for their seat, and nobody goes over capacity', async () => {
    const caseArb = fc.record({
      category: fc.constantFrom<Category>(...CATEGORIES),
      parties: fc.integer({ min: 1, max: 50 }),
      amountYuan: fc.constantFrom(0, 50_000, 200_000, 500_000, 2_000_000),
      priorPetitions: fc.integer({ min: 0, max: 3 }),
      channel: fc.constantFrom<Case['channel']>('court', 'petition', 'police', 'walk_in'),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(caseArb, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 3 }), async (specs, capacity) => {
        const mediators = pool(capacity);
        const s = new MemoryDispatchStore(mediators);
        const cases = specs.map((x, i) =>
          caseIn(`m${i}`, 't04-v02', {
            class: 'major',
            category: x.category,
            channel: x.channel,
            amountYuan: x.amountYuan,
            priorPetitions: x.priorPetitions,
            parties: Array.from({ length: x.parties }, (_, k) => ({ ref: `c${i}-p${k}` })),
          }),
        );
        for (const c of cases) s.addCase(c);
        const r = await dispatchBatch(s, { config, now: NOW, panels });
        checkPanels(r.assigned, cases, mediators);
        expect(r.assigned.length + r.unassigned.length).toBe(cases.length);
        const loads = await s.loads();
        for (const m of mediators) expect(loads.get(m.id) ?? 0).toBeLessThanOrEqual(m.capacity);
      }),
      { numRuns: 40, seed: 17 },
    );
  });
});
