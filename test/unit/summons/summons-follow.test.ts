import { MemorySummonsStore } from '../../../src/adapters/memory/summons-memory-store';
import { defaultSummonsSettings } from '../../../src/domain/config/departments-config';
import type { CaseFile } from '../../../src/domain/lifecycle-file';
import { summonsCancelCause } from '../../../src/domain/summons/summons-follow';
import { caseStandingReader, standingOf } from '../../../src/use-cases/summons/summons-case-standing';
import { cancelSummonsesOfCase, tickSummonses } from '../../../src/use-cases/summons/summons-clock-run';
import { newFile, run, session, toMediating } from '../lifecycle/helpers';
import { hoursBefore, REQUIRED_BY, summons } from './fixtures';

const settingsStore = { get: () => Promise.resolve(defaultSummonsSettings()) };
const afterGrace = new Date(Date.parse(REQUIRED_BY) + 31 * 60_000);
const settle = { action: 'settle', amountYuan: 0, termsRef: 'agr-1', fulfilmentMode: 'on_the_spot' } as const;

/** The clock's view of one case file (as the lifecycle store would give it), and a store holding one summons of it. */
async function setUp(file: CaseFile | null, over: Parameters<typeof summons>[0] = {}) {
  const store = new MemorySummonsStore();
  await store.create([summons({ caseId: 'case-1', ...over })], []);
  const reads: string[] = [];
  const cases = caseStandingReader({
    getFile: (id) => {
      reads.push(id);
      return Promise.resolve(file && id === file.caseId ? file : null);
    },
  });
  return { store, cases, reads };
}

describe('summonses follow their case', () => {
  test('when a case settled before requiredBy, then the clock cancels its summons (case_closed) instead of missing it, and never escalates', async () => {
    const settled = run(toMediating(newFile()), [[2, settle]]);
    const { store, cases } = await setUp(settled);
    const first = await tickSummonses(store, settingsStore, cases, afterGrace);
    const again = await tickSummonses(store, settingsStore, cases, new Date(afterGrace.getTime() + 86_400_000));
    expect(first).toEqual([expect.objectContaining({ type: 'summons.cancelled', actor: 'clock', cause: 'case_closed' })]);
    expect(again).toEqual([]);
    expect(store.all()[0]).toMatchObject({
      status: 'cancelled',
      cancelReason: 'case_closed',
      history: [{ action: 'cancel', by: 'clock' }],
    });
    expect(store.all()[0]?.escalation).toBeUndefined();
    expect(store.events.map((e) => e.type)).toEqual(['summons.cancelled']);
  });

  test('when a case was withdrawn before a reminder is due, then the clock cancels the summons and raises no reminder', async () => {
    const withdrawn = run(newFile(), [[1, { action: 'withdraw', reason: 'parties settled privately' }]]);
    const { store, cases } = await setUp(withdrawn);
    const events = await tickSummonses(store, settingsStore, cases, hoursBefore(20));
    expect(events.map((e) => [e.type, 'cause' in e ? e.cause : undefined])).toEqual([['summons.cancelled', 'case_closed']]);
  });

  test('when the session a summons was issued for was cancelled, then the clock cancels it (session_cancelled), not missed', async () => {
    const cancelled = run(newFile(), [
      [0, { action: 'assign', mediatorIds: ['m1'] }],
      [0, { action: 'accept' }],
      [0, session('s-9', '2026-03-10')],
      [1, { action: 'cancel_session', reason: 'mediator ill' }],
    ]);
    const { store, cases } = await setUp(cancelled, { sessionId: 's-9' });
    const events = await tickSummonses(store, settingsStore, cases, afterGrace);
    expect(events).toEqual([expect.objectContaining({ type: 'summons.cancelled', cause: 'session_cancelled' })]);
    expect(store.all()[0]).toMatchObject({ status: 'cancelled', cancelReason: 'session_cancelled' });
  });

  test('when a summons of an open case is missed, then it is still missed and escalated to the director', async () => {
    const { store, cases } = await setUp(toMediating(newFile()), { sessionId: 's-1-0' });
    const events = await tickSummonses(store, settingsStore, cases, afterGrace);
    expect(events.map((e) => e.type)).toEqual(['summons.missed', 'summons.escalated']);
    expect(store.all()[0]).toMatchObject({ status: 'missed', escalation: { to: 'director' } });
  });

  test('when the case settled only after the department was due (at the end of the session it missed), then the miss stands', async () => {
    const settledLate = run(toMediating(newFile()), [[9, settle]]);
    const { store, cases } = await setUp(settledLate);
    const events = await tickSummonses(store, settingsStore, cases, afterGrace);
    expect(events.map((e) => e.type)).toEqual(['summons.missed', 'summons.escalated']);
  });

  test('when nothing is due for a summons, then its case is not read; when several are, it is read once per run', async () => {
    const { store, cases, reads } = await setUp(toMediating(newFile()));
    await store.create([summons({ id: 'sm_2', caseId: 'case-1', department: 'health' })], []);
    expect(await tickSummonses(store, settingsStore, cases, hoursBefore(30))).toEqual([]);
    expect(reads).toEqual([]);
    await tickSummonses(store, settingsStore, cases, afterGrace);
    expect(reads).toEqual(['case-1']);
  });

  test('when a transition cancels a session, then only the open summonses of that session are cancelled at once, by the caller', async () => {
    const cancelled = run(newFile(), [
      [0, { action: 'assign', mediatorIds: ['m1'] }],
      [0, { action: 'accept' }],
      [0, session('s-9', '2026-03-10')],
      [1, { action: 'cancel_session', reason: 'mediator ill' }],
    ]);
    const { store } = await setUp(cancelled, { sessionId: 's-9' });
    await store.create([summons({ id: 'sm_2', caseId: 'case-1', department: 'health' })], []);
    const events = await cancelSummonsesOfCase(store, 'case-1', standingOf(cancelled), { by: 'dispatcher-wang', now: hoursBefore(30) });
    expect(events).toEqual([expect.objectContaining({ type: 'summons.cancelled', summonsId: 'sm_1', actor: 'dispatcher-wang' })]);
    expect((await store.get('sm_2'))?.status).toBe('issued');
    expect(await cancelSummonsesOfCase(store, 'case-1', standingOf(cancelled), { by: 'd', now: hoursBefore(29) })).toEqual([]);
  });

  test('when the case is unknown to the lifecycle, then the summons keeps its course (no guess)', async () => {
    expect(summonsCancelCause(summons(), null)).toBeNull();
    const { store, cases } = await setUp(null);
    expect((await tickSummonses(store, settingsStore, cases, afterGrace)).map((e) => e.type)).toEqual([
      'summons.missed',
      'summons.escalated',
    ]);
  });

  test('when a case closes, then its standing carries the moment of the closing step, not of later records', () => {
    const settled = run(toMediating(newFile()), [[2, settle]]);
    expect(standingOf(toMediating(newFile()))).toMatchObject({ caseStatus: 'mediating', sessions: { 's-1-0': 'held' } });
    expect(standingOf(toMediating(newFile())).closedAt).toBeUndefined();
    expect(standingOf(settled)).toMatchObject({ caseStatus: 'settled', closedAt: settled.settlement?.at });
  });
});
