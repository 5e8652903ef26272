import { dispatchBatch } from '../../../src/use-cases/dispatch/dispatch-batch';
import { MemoryDispatchStore } from '../../../src/adapters/memory/dispatch-memory-store';
import { loadPanelRules } from '../../../src/domain/config/panel-rules-config';
import { panelView, type PanelViewDeps } from '../../../src/use-cases/dispatch/panel-view';
import type { CaseRecords } from '../../../src/use-cases/cases/case-records';
import { NotFoundError } from '../../../src/domain/errors';
import { caseIn, config, goldMediator, industryMediator, NOW } from '../cost-model/helpers';

const rules = loadPanelRules();
const mediators = [goldMediator('g1'), industryMediator('i-med', 'medical'), industryMediator('i-legal', 'legal')];

/** The view's port over the in-memory dispatch store: only `get` is read. */
function deps(s: MemoryDispatchStore): PanelViewDeps {
  const records = { get: (id: string) => Promise.resolve(s.getCase(id) ?? null) } as unknown as CaseRecords;
  return { records, mediators: () => Promise.resolve(mediators), config, rules };
}

describe('panel view', () => {
  test('when a medical major case was assigned with its plan, then the view names the three members and the reasons, from the assignment', async () => {
    const s = new MemoryDispatchStore(mediators);
    s.addCase(caseIn('m1', 't04-v02', { class: 'major', category: 'medical' }));
    await dispatchBatch(s, { config, now: NOW, panels: { rules } });
    const v = await panelView(deps(s), 'm1', 'en');
    expect(v.source).toBe('assignment');
    expect(v.members.map((m) => [m.role, m.mediatorId])).toEqual([
      ['lead', 'g1'],
      ['expert', 'i-med'],
      ['legal_expert', 'i-legal'],
    ]);
    expect(v.members[0]!.person).toMatch(/^Mediator g1 \(gold-medal mediator/);
    for (const m of v.members) expect(m.explanation?.summary).toMatch(/^Chosen/);
    expect(v.words.reasons).toEqual(['medical disputes need law: a legal expert sits']);
  });

  test('when a major case was staffed as a fixed pair (no plan stored), then the plan is sized now and each seat shows who holds that role', async () => {
    const s = new MemoryDispatchStore(mediators);
    s.addCase(caseIn('m1', 't04-v02', { class: 'major', category: 'medical' }));
    await dispatchBatch(s, { config, now: NOW });
    const v = await panelView(deps(s), 'm1', 'zh-CN');
    expect(v.source).toBe('sized');
    expect(v.plan.seats).toEqual(['lead', 'expert', 'legal_expert']);
    expect(v.members.map((m) => m.mediatorId)).toEqual(['g1', s.getCase('m1')!.assignment!.mediatorIds[1], null]);
  });

  test('when the case is ordinary, then there is no panel (not found)', async () => {
    const s = new MemoryDispatchStore(mediators);
    s.addCase(caseIn('o1', 't04-v02'));
    await expect(panelView(deps(s), 'o1', 'en')).rejects.toThrow(NotFoundError);
  });
});
