import type { RoomsConfig } from '../../../src/domain/config/rooms-config';
import type { LifecycleCommand } from '../../../src/domain/lifecycle-command';
import { planSessions } from '../../../src/use-cases/lifecycle/session-planning';
import { MemoryLifecycleStore } from '../../../src/adapters/memory/lifecycle-memory-store';
import { applyCommand } from '../../../src/use-cases/lifecycle/lifecycle-commands';
import { mediator, waitingCase } from '../domain/fixtures';
import { config } from './helpers';

const rooms: RoomsConfig = {
  halfDays: { timeZone: '+08:00', am: { start: '09:00', end: '12:00' }, pm: { start: '14:30', end: '17:30' } },
  kindsByClass: { ordinary: ['committee', 'centre'], professional: ['centre'], major: ['centre'] },
  nearestCommitteeRooms: 3,
  rooms: [
    {
      id: 'committee-t1',
      kind: 'committee',
      township: 't1',
      location: { lat: 38.81, lng: 101.12 },
      name: { zh: '调解室', en: 'committee room' },
    },
  ],
};
const weekdaysAm = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, half: 'am' as const }));
const NOW = new Date('2026-03-02T00:00:00.000Z'); // Monday 08:00 local

async function acceptedCase(store: MemoryLifecycleStore, id: string, mediatorId: string) {
  store.addCase(waitingCase({ id, referredAt: NOW.toISOString() }));
  const commands: LifecycleCommand[] = [{ action: 'assign', mediatorIds: [mediatorId] }, { action: 'accept' }];
  for (const command of commands) {
    const out = await applyCommand(store, id, command, { by: 't', now: NOW, config });
    expect(out.status).toBe('ok');
  }
}

describe('planSessions', () => {
  it('when two accepted cases share the one room, then they get different half-days and the files record the sessions', async () => {
    const ms = [mediator({ id: 'm1', availability: weekdaysAm }), mediator({ id: 'm2', availability: weekdaysAm })];
    const store = new MemoryLifecycleStore(ms, config);
    await acceptedCase(store, 'c1', 'm1');
    await acceptedCase(store, 'c2', 'm2');
    const out = await planSessions(store, NOW, { rooms, config, mediators: ms, locationOf: (id) => store.caseView(id)?.location });
    if (out.status !== 'ok') throw new Error(out.message);
    expect(out.booked).toHaveLength(2);
    expect(new Set(out.booked.map((b) => b.slot.date)).size).toBe(2);
    const f1 = (await store.getFile('c1'))!;
    expect(f1.status).toBe('session_scheduled');
    expect(f1.sessions[0]).toMatchObject({ roomId: 'committee-t1', status: 'scheduled', first: true });
  });

  it('when a mediator goes on leave on the booked day, then that session is cancelled and placed again after the leave', async () => {
    const ms = [mediator({ id: 'm1', availability: weekdaysAm })];
    const store = new MemoryLifecycleStore(ms, config);
    await acceptedCase(store, 'c1', 'm1');
    const first = await planSessions(store, NOW, { rooms, config, mediators: ms, locationOf: (id) => store.caseView(id)?.location });
    if (first.status !== 'ok') throw new Error(first.message);
    const day = first.booked[0]!.slot.date;
    const onLeave = [{ ...ms[0]!, leave: [{ from: day, until: day }] }];
    const out = await planSessions(store, NOW, { rooms, config, mediators: onLeave, locationOf: (id) => store.caseView(id)?.location });
    if (out.status !== 'ok') throw new Error(out.message);
    expect(out.cancelled).toEqual([{ caseId: 'c1', sessionId: first.booked[0]!.sessionId, mediatorId: 'm1' }]);
    expect(out.booked).toHaveLength(1);
    expect(out.booked[0]!.slot.date > day).toBe(true);
    const f = (await store.getFile('c1'))!;
    expect(f.sessions.map((s) => s.status)).toEqual(['cancelled', 'scheduled']);
    expect(f.history.map((h) => h.action)).toEqual(['assign', 'accept', 'schedule_session', 'cancel_session', 'schedule_session']);
  });
});
