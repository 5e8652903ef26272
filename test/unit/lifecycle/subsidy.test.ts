import { loadSubsidyConfig } from '../../../src/domain/config/subsidy-config';
import { budgetWarnings, subsidyLedger } from '../../../src/domain/lifecycle/subsidy';
import { act } from '../../../src/domain/lifecycle/transitions';
import { config, newFile, run, toMediating, at } from './helpers';

const subsidy = loadSubsidyConfig();

describe('subsidy', () => {
  it('when the table is loaded, then every rate is 200–500 and a rate outside is refused', () => {
    expect(() => loadSubsidyConfig({ ...subsidy, yuanByClass: { ...subsidy.yuanByClass, major: { settled: 800, failed: 300 } } })).toThrow(
      /subsidy.json: yuanByClass.major.settled/,
    );
  });

  it('when a case fails once and settles with a panel, then each attempt is paid at its class and outcome, the panel split equally', () => {
    let f = toMediating(newFile({ class: 'professional', channel: 'walk_in' }), ['i1']);
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

  it('when spending nears the budget, then warnings are raised before it is hit', () => {
    const b = subsidy.monthlyBudgetYuan;
    expect(budgetWarnings(0.5 * b, subsidy)).toEqual([]);
    expect(budgetWarnings(0.85 * b, subsidy).map((w) => w.share)).toEqual([0.8]);
    expect(budgetWarnings(0.99 * b, subsidy).map((w) => w.share)).toEqual([0.8, 0.95]);
  });
});
