import { loadSubsidyConfig } from '../../../src/domain/config/subsidy-config';
import { budgetWarnings, subsidyLedger } from '../../../src/domain/lifecycle/subsidy';
import { act } from '../../../src/domain/lifecycle/transitions';
import { omit } from '../../../src/domain/omit';
import { config, newFile, run, toMediating, at } from './helpers';

const subsidy = loadSubsidyConfig();

describe('subsidy', () => {
  it('when the table is loaded, then every rate is 200–500 and a rate outside is refused', () => {
    expect(() => loadSubsidyConfig({ ...subsidy, yuanByClass: { ...subsidy.yuanByClass, major: { settled: 800, failed: 300 } } })).toThrow(
      /subsidy.json: yuanByClass.major.settled/,
    );
  });

  it('when a case fails once and settles with a panel, then each attempt is paid at its class and outcome, the panel split equally', () => {
    let f = toMediating(newFile({ class: 'professional', channel: 'court' }), ['i1']);
    const failed = act(f, { action: 'fail_attempt', reason: 'x' }, { by: 't', now: at(2), config });
    if (failed.status !== 'ok') throw new Error(failed.status);
    f = toMediating(failed.file, ['g1', 'e1'], 3);
    f = run(f, [[5, { action: 'settle', amountYuan: 9, termsRef: 'a', fulfilmentMode: 'voluntary' }]]);
    const withdrawn = run(toMediating(newFile({ id: 'case-2' }), ['v1']), [[2, { action: 'withdraw', reason: 'x' }]]);
    const orgs: Record<string, string> = { i1: 'legal', g1: 'centre', e1: 'legal' };
    const ledger = subsidyLedger([f, withdrawn], '2026-03', (m) => orgs[m], subsidy);
    expect(ledger.entries.map((e) => [e.class, e.outcome, e.yuan])).toEqual([
      ['professional', 'failed', subsidy.yuanByClass.professional.failed],
      ['major', 'settled', subsidy.yuanByClass.major.settled],
    ]);
    const half = subsidy.yuanByClass.major.settled / 2;
    expect(ledger.byMediator).toEqual({ i1: subsidy.yuanByClass.professional.failed, g1: half, e1: half });
    expect(ledger.byOrganization).toEqual({ legal: subsidy.yuanByClass.professional.failed + half, centre: half });
    expect(ledger.totalYuan).toBe(subsidy.yuanByClass.professional.failed + subsidy.yuanByClass.major.settled);
    expect(subsidyLedger([f], '2026-04', () => 'x', subsidy).entries).toEqual([]);
  });

  it('when the county subsidises only the linked channels, then a walk-in case earns nothing and a court case its rate', () => {
    const linked = { ...subsidy, channels: ['court' as const, 'petition' as const, 'police' as const] };
    const settle = (channel: 'court' | 'walk_in') =>
      run(toMediating(newFile({ id: `c-${channel}`, channel }), ['v1']), [
        [2, { action: 'settle', amountYuan: 0, termsRef: 'a', fulfilmentMode: 'on_the_spot' }],
      ]);
    const ledger = subsidyLedger([settle('court'), settle('walk_in')], '2026-03', () => 'x', linked);
    expect(ledger.entries.map((e) => e.caseId)).toEqual(['c-court']);
    expect(subsidyLedger([settle('walk_in')], '2026-03', () => 'x', omit(linked, 'channels')).entries).toHaveLength(1);
  });

  it('when spending nears the budget, then warnings are raised before it is hit', () => {
    const b = subsidy.monthlyBudgetYuan;
    expect(budgetWarnings(0.5 * b, subsidy)).toEqual([]);
    expect(budgetWarnings(0.85 * b, subsidy).map((w) => w.share)).toEqual([0.8]);
    expect(budgetWarnings(0.99 * b, subsidy).map((w) => w.share)).toEqual([0.8, 0.95]);
  });
});
