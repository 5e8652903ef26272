import { MemorySummonsStore } from '../../../src/adapters/memory/summons-memory-store';
import { defaultSummonsSettings } from '../../../src/domain/config/departments-config';
import { issueSummonses, type IssueDeps } from '../../../src/use-cases/summons/issue-summonses';
import { actOnStoredSummons } from '../../../src/use-cases/summons/summons-actions';
import { tickSummonses } from '../../../src/use-cases/summons/summons-clock-run';

const NOW = new Date('2026-03-08T01:00:00.000Z');
const REQUIRED_BY = '2026-03-10T01:00:00.000Z';
const settings = defaultSummonsSettings();
const settingsStore = { get: () => Promise.resolve(settings) };
/** No lifecycle record of the case: the clock goes its usual way. */
const noCases = { standing: () => Promise.resolve(null) };

function deps(store: MemorySummonsStore, status: 'accepted' | 'settled' = 'accepted'): IssueDeps {
  return { store, caseOf: (id) => Promise.resolve(id === 'c1' ? { status } : null), settings };
}
const request = { caseId: 'c1', departments: ['natural_resources', 'agriculture_rural'], reason: 'land boundary', requiredBy: REQUIRED_BY };

describe('summons use cases (memory store)', () => {
  test('when a dispatcher summons two departments, then two summonses are issued, each with a summons.issued event', async () => {
    const store = new MemorySummonsStore();
    const out = await issueSummonses(deps(store), request, { by: 'dispatcher-wang', now: NOW });
    expect(out).toMatchObject({ status: 'ok', created: 2 });
    expect(
      store
        .all()
        .map((s) => `${s.department}:${s.status}`)
        .sort(),
    ).toEqual(['agriculture_rural:issued', 'natural_resources:issued']);
    expect(store.events.map((e) => [e.type, e.department])).toEqual([
      ['summons.issued', 'natural_resources'],
      ['summons.issued', 'agriculture_rural'],
    ]);
  });

  test('when the same request is retried, then no department is summoned twice', async () => {
    const store = new MemorySummonsStore();
    const first = await issueSummonses(deps(store), request, { by: 'd', now: NOW });
    const again = await issueSummonses(deps(store), request, { by: 'd', now: new Date(NOW.getTime() + 1000) });
    expect(again).toMatchObject({ status: 'ok', created: 0 });
    if (first.status !== 'ok' || again.status !== 'ok') return;
    expect(again.summonses.map((s) => s.id)).toEqual(first.summonses.map((s) => s.id));
    expect(store.all()).toHaveLength(2);
  });

  test('when a department is not on the roster or named twice, or requiredBy is past, then the field is named', async () => {
    const store = new MemorySummonsStore();
    const by = { by: 'd', now: NOW };
    expect(await issueSummonses(deps(store), { ...request, departments: ['court', 'ministry_of_magic'] }, by)).toMatchObject({
      status: 'invalid',
      field: 'body.departments[1]',
    });
    expect(await issueSummonses(deps(store), { ...request, departments: ['court', 'court'] }, by)).toMatchObject({
      status: 'invalid',
      field: 'body.departments[1]',
    });
    expect(await issueSummonses(deps(store), { ...request, requiredBy: '2026-03-01T00:00:00Z' }, by)).toMatchObject({
      status: 'invalid',
      field: 'body.requiredBy',
    });
    expect(await issueSummonses(deps(store), { ...request, caseId: 'nope' }, by)).toEqual({ status: 'not_found' });
    expect(await issueSummonses(deps(store, 'settled'), request, by)).toEqual({ status: 'closed_case', caseStatus: 'settled' });
    expect(store.all()).toHaveLength(0);
  });

  test('when the clock runs twice at the same time (a retried run), then each reminder and each escalation is raised once', async () => {
    const store = new MemorySummonsStore();
    await issueSummonses(deps(store), { ...request, departments: ['natural_resources'] }, { by: 'd', now: NOW });
    const t1 = new Date(Date.parse(REQUIRED_BY) - 3_600_000);
    const t2 = new Date(Date.parse(REQUIRED_BY) + 31 * 60_000);
    const raised = [
      ...(await tickSummonses(store, settingsStore, noCases, t1)),
      ...(await tickSummonses(store, settingsStore, noCases, t1)),
      ...(await tickSummonses(store, settingsStore, noCases, t2)),
      ...(await tickSummonses(store, settingsStore, noCases, t2)),
    ];
    expect(raised.map((e) => e.type)).toEqual(['summons.reminder', 'summons.missed', 'summons.escalated']);
    expect(store.all()[0]).toMatchObject({ status: 'missed', escalation: { to: 'director' } });
  });

  test('when a check-in is dated in the future, then it is refused naming body.arrivedAt', async () => {
    const store = new MemorySummonsStore();
    const out = await issueSummonses(deps(store), request, { by: 'd', now: NOW });
    if (out.status !== 'ok') throw new Error('issue failed');
    const id = out.summonses[0]!.id;
    expect(
      await actOnStoredSummons(store, id, { action: 'check_in', by: 'd', at: NOW, arrivedAt: new Date(NOW.getTime() + 60_000) }),
    ).toMatchObject({
      status: 'invalid',
      field: 'body.arrivedAt',
    });
    expect(await actOnStoredSummons(store, 'sm_none', { action: 'acknowledge', by: 'd', at: NOW })).toEqual({ status: 'not_found' });
  });
});
