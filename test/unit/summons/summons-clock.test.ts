import { tickSummons } from '../../../src/domain/summons/summons-clock';
import type { Summons } from '../../../src/domain/summons/summons';
import { hoursBefore, REQUIRED_BY, SETTINGS, summons } from './fixtures';

const afterGrace = new Date(Date.parse(REQUIRED_BY) + 30 * 60_000);

describe('summons clock', () => {
  test('when the grace after requiredBy passes without a check-in, then the summons is missed and escalated to the director', () => {
    const out = tickSummons(summons({ status: 'acknowledged' }), afterGrace, SETTINGS);
    expect(out.changed).toBe(true);
    expect(out.summons).toMatchObject({ status: 'missed', escalation: { to: 'director', at: afterGrace.toISOString() } });
    expect(out.events.map((e) => e.type)).toEqual(['summons.missed', 'summons.escalated']);
    expect(out.events[1]).toMatchObject({ summonsId: 'sm_1', caseId: 'c1', department: 'court', escalatedTo: 'director' });
    // Ticking the missed summons again raises nothing.
    expect(tickSummons(out.summons, new Date(afterGrace.getTime() + 3_600_000), SETTINGS)).toMatchObject({ changed: false, events: [] });
  });

  test('when requiredBy has passed but the grace has not, then nothing happens yet', () => {
    expect(tickSummons(summons(), new Date(afterGrace.getTime() - 1), SETTINGS).changed).toBe(false);
  });

  test('when the clock crosses each reminder point, then each reminder fires once', () => {
    let s: Summons = summons();
    const fired: number[] = [];
    for (const t of [hoursBefore(30), hoursBefore(23), hoursBefore(22), hoursBefore(1.5), hoursBefore(1)]) {
      const out = tickSummons(s, t, SETTINGS);
      for (const e of out.events) if (e.type === 'summons.reminder') fired.push(e.hoursBefore);
      s = out.summons;
    }
    expect(fired).toEqual([24, 2]);
    expect(s.remindedHours).toEqual([24, 2]);
  });

  test('when a late tick crosses both reminder points, then only the nearest fires and the other never fires afterwards', () => {
    const first = tickSummons(summons(), hoursBefore(1), SETTINGS);
    expect(first.events).toEqual([expect.objectContaining({ type: 'summons.reminder', hoursBefore: 2 })]);
    expect(tickSummons(first.summons, hoursBefore(0.5), SETTINGS).changed).toBe(false);
  });

  test('when a summons is checked in or cancelled, then the clock leaves it alone', () => {
    expect(tickSummons(summons({ status: 'checked_in', onTime: true }), afterGrace, SETTINGS).changed).toBe(false);
    expect(tickSummons(summons({ status: 'cancelled' }), hoursBefore(1), SETTINGS).changed).toBe(false);
  });
});
