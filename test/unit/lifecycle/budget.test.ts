import { loadSubsidyConfig } from '../../../src/domain/config/subsidy-config';
import type { LifecycleCommand } from '../../../src/domain/lifecycle-command';
import { checkBudget } from '../../../src/use-cases/lifecycle/budget';
import { MemoryLifecycleStore } from '../../../src/adapters/memory/lifecycle-memory-store';
import { applyCommand } from '../../../src/use-cases/lifecycle/lifecycle-commands';
import { waitingCase } from '../domain/fixtures';
import { config, session } from './helpers';

describe('checkBudget', () => {
  it('when the month’s subsidies pass 80 % and then 95 % of the budget, then each warning is raised once', async () => {
    // Budget 1000: one settled ordinary attempt (300) is 30 %; three are 90 %; four are 120 %.
    const subsidy = { ...loadSubsidyConfig(), monthlyBudgetYuan: 1000 };
    const store = new MemoryLifecycleStore([], config);
    const now = new Date('2026-03-10T02:00:00.000Z');
    const settleOne = async (id: string) => {
      // A police referral: the county subsidises court, petition-office and police cases (subsidy.json channels).
      store.addCase(waitingCase({ id, channel: 'police', referredAt: now.toISOString() }));
      const steps: LifecycleCommand[] = [
        { action: 'assign', mediatorIds: ['m1'] },
        { action: 'accept' },
        session(`s-${id}`, '2026-03-11'),
        { action: 'start_mediation' },
        { action: 'settle', amountYuan: 0, termsRef: 'a', fulfilmentMode: 'on_the_spot' },
      ];
      for (const c of steps) expect((await applyCommand(store, id, c, { by: 't', now, config })).status).toBe('ok');
    };
    for (const id of ['a', 'b']) await settleOne(id);
    expect(await checkBudget(store, now, subsidy)).toEqual([]);
    await settleOne('c');
    const first = await checkBudget(store, now, subsidy);
    expect(first).toEqual([
      { type: 'subsidy.budget_warning', at: now.toISOString(), month: '2026-03', share: 0.8, spentYuan: 900, budgetYuan: 1000 },
    ]);
    expect(await checkBudget(store, now, subsidy)).toEqual([]);
    await settleOne('d');
    expect((await checkBudget(store, now, subsidy)).map((e) => e.type === 'subsidy.budget_warning' && e.share)).toEqual([0.95]);
    expect(store.events.filter((e) => e.type === 'subsidy.budget_warning')).toHaveLength(2);
    expect(await checkBudget(store, new Date('2026-04-02T00:00:00.000Z'), subsidy)).toEqual([]);
  });
});
