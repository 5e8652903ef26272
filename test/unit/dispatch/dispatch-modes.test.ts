import { dispatchBatch } from '../../../src/use-cases/dispatch/dispatch-batch';
import type { ProposalEntry, ProposalStore } from '../../../src/use-cases/dispatch/proposal-port';
import { MemoryDispatchStore } from '../../../src/adapters/memory/dispatch-memory-store';
import { DEFAULT_DISPATCH_SETTINGS, dispatchModeOf } from '../../../src/domain/config/dispatch-settings';
import { caseIn, config, goldMediator, industryMediator, NOW, villageMediator } from '../cost-model/helpers';

/** Records what the batcher holds and proposes; every case is taken as still waiting. */
class RecordingProposals implements ProposalStore {
  readonly held: string[] = [];
  readonly proposed: ProposalEntry[] = [];
  hold(ids: readonly string[]) {
    this.held.push(...ids);
    return Promise.resolve(ids);
  }
  propose(entries: readonly ProposalEntry[]) {
    this.proposed.push(...entries);
    return Promise.resolve(entries.map((e) => e.caseId));
  }
  dueProposals() {
    return Promise.resolve([]);
  }
  release() {
    return Promise.resolve(false);
  }
}

describe('dispatch modes in the batch', () => {
  test('when a batch runs with the default settings, then ordinary is assigned, major proposed without load, a held referral left unsolved', async () => {
    const s = new MemoryDispatchStore([
      villageMediator('v1', 't01-v03', { capacity: 3 }),
      goldMediator('g1'),
      industryMediator('i-land', 'land'),
    ]);
    s.addCase(caseIn('o1', 't01-v02'));
    s.addCase({ ...caseIn('o2', 't01-v04'), hold: true });
    s.addCase(caseIn('m1', 't04-v02', { class: 'major', category: 'land' }));
    const proposals = new RecordingProposals();
    const r = await dispatchBatch(s, { config, now: NOW, modes: { settings: DEFAULT_DISPATCH_SETTINGS, proposals } });
    expect(r.assigned.map((a) => a.caseId)).toEqual(['o1']);
    expect(r.held).toEqual(['o2']);
    expect(proposals.held).toEqual(['o2']);
    expect(r.proposed.map((p) => p.caseId)).toEqual(['m1']);
    const [entry] = proposals.proposed;
    expect(entry!.proposal.mediatorIds).toEqual(['g1', 'i-land']);
    expect(Date.parse(entry!.proposal.expiresAt) - NOW.getTime()).toBe(120 * 60_000);
    expect(entry!.proposal.candidates.map((c) => c.role)).toEqual(['lead', 'expert']);
    expect(r.unassigned).toEqual([]);
    const loads = await s.loads();
    expect([loads.get('g1') ?? 0, loads.get('i-land') ?? 0, loads.get('v1') ?? 0]).toEqual([0, 0, 1]);
  });

  test('when no modes are given, then every class is dispatched as before', async () => {
    const s = new MemoryDispatchStore([goldMediator('g1'), industryMediator('i-land', 'land')]);
    s.addCase(caseIn('m1', 't04-v02', { class: 'major', category: 'land' }));
    const r = await dispatchBatch(s, { config, now: NOW });
    expect(r.assigned.map((a) => a.caseId)).toEqual(['m1']);
    expect(r.proposed).toEqual([]);
  });

  test.each([
    ['hold wins over an auto class', { class: 'ordinary', hold: true }, 'manual'],
    ['a kept (expired) proposal makes a propose class auto', { class: 'major', proposal: {} }, 'auto'],
    ['otherwise the class decides', { class: 'major' }, 'propose'],
  ] as const)('when %s, then the mode follows', (_what, c, mode) => {
    expect(dispatchModeOf(c as Parameters<typeof dispatchModeOf>[0], DEFAULT_DISPATCH_SETTINGS)).toBe(mode);
  });
});
