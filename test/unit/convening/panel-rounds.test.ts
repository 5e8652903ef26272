import type { RoomsConfig } from '../../../src/domain/config/rooms-config';
import type { LifecycleCommand } from '../../../src/domain/lifecycle-command';
import { planSessions } from '../../../src/use-cases/lifecycle/session-planning';
import { MemoryLifecycleStore } from '../../../src/adapters/memory/lifecycle-memory-store';
import { applyCommand } from '../../../src/use-cases/lifecycle/lifecycle-commands';
import { mediator, waitingCase } from '../domain/fixtures';
import { config } from '../lifecycle/helpers';

const where = { township: 't1', location: { lat: 38.81, lng: 101.12 } };
const rooms: RoomsConfig = {
  halfDays: { timeZone: '+08:00', am: { start: '09:00', end: '12:00' }, pm: { start: '14:30', end: '17:30' } },
  kindsByClass: { ordinary: ['centre'], professional: ['centre'], major: ['centre', 'legal_expert'] },
  nearestCommitteeRooms: 3,
  rooms: [
    { id: 'centre-1', kind: 'centre', ...where, name: { zh: '中心调解室', en: 'centre room' } },
    { id: 'legal-1', kind: 'legal_expert', ...where, name: { zh: '法律专家调解室', en: 'legal expert room' } },
  ],
};
const weekdays = [1, 2, 3, 4, 5].flatMap((weekday) => (['am', 'pm'] as const).map((half) => ({ weekday, half })));
const NOW = new Date('2026-03-02T00:00:00.000Z'); // Monday 08:00 local
const PANEL = ['g1', 'e1', 'l1'];

async function run(store: MemoryLifecycleStore, id: string, commands: LifecycleCommand[], now = NOW) {
  for (const command of commands) {
    const out = await applyCommand(store, id, command, { by: 't', now, config });
    expect(out.status).toBe('ok');
  }
}

describe('rounds of joint sessions', () => {
  it('when a three-member panel with a legal expert is planned, adjourns and is planned again, then both rounds book all three in a legal-expert room, never the same half-day', async () => {
    const ms = PANEL.map((id) => mediator({ id, availability: weekdays }));
    const store = new MemoryLifecycleStore(ms, config);
    store.addCase(waitingCase({ id: 'm1', class: 'major', referredAt: NOW.toISOString() }));
    await run(store, 'm1', [{ action: 'assign', mediatorIds: PANEL }, { action: 'accept' }]);
    const ctx = {
      rooms,
      config,
      mediators: ms,
      locationOf: (id: string) => store.caseView(id)?.location,
      roomKindsOf: (id: string) => (id === 'm1' ? (['legal_expert'] as const) : undefined),
    };
    const first = await planSessions(store, NOW, ctx);
    if (first.status !== 'ok') throw new Error(first.message);
    expect(first.booked.map((b) => [b.roomId, b.mediatorIds])).toEqual([['legal-1', PANEL]]);

    const held = new Date(Date.parse(first.booked[0]!.slot.end) + 60_000);
    await run(
      store,
      'm1',
      [{ action: 'start_mediation' }, { action: 'adjourn', reason: 'the departments bring their figures next week' }],
      held,
    );
    const second = await planSessions(store, held, ctx);
    if (second.status !== 'ok') throw new Error(second.message);
    expect(second.booked.map((b) => [b.roomId, b.mediatorIds])).toEqual([['legal-1', PANEL]]);
    expect(second.booked[0]!.slot.start > first.booked[0]!.slot.start).toBe(true);
    const file = (await store.getFile('m1'))!;
    expect(file.sessions.map((s) => [s.roomId, s.mediatorIds])).toEqual([
      ['legal-1', PANEL],
      ['legal-1', PANEL],
    ]);
  });

  it('when a panel needs a legal-expert room and the county has none free, then it is not put in the centre room; without the need it is', async () => {
    const ms = PANEL.map((id) => mediator({ id, availability: weekdays }));
    const centreOnly: RoomsConfig = { ...rooms, rooms: rooms.rooms.filter((r) => r.kind === 'centre') };
    const plan = async (roomKindsOf?: (id: string) => readonly ['legal_expert'] | undefined) => {
      const store = new MemoryLifecycleStore(ms, config);
      store.addCase(waitingCase({ id: 'm1', class: 'major', referredAt: NOW.toISOString() }));
      await run(store, 'm1', [{ action: 'assign', mediatorIds: PANEL }, { action: 'accept' }]);
      const out = await planSessions(store, NOW, {
        rooms: centreOnly,
        config,
        mediators: ms,
        locationOf: (id) => store.caseView(id)?.location,
        ...(roomKindsOf ? { roomKindsOf } : {}),
      });
      if (out.status !== 'ok') throw new Error(out.message);
      return out;
    };
    const needsLegal = await plan(() => ['legal_expert']);
    expect(needsLegal.booked).toEqual([]);
    expect(needsLegal.unscheduled.map((u) => u.reason)).toEqual(['no_feasible_slot']);
    const classKinds = await plan();
    expect(classKinds.booked.map((b) => b.roomId)).toEqual(['centre-1']);
  });
});
