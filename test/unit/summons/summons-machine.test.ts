import { actOnSummons, requestableSummonsActions, SummonsSchema } from '../../../src/domain/summons/summons';
import { hoursBefore, REQUIRED_BY, summons } from './fixtures';

const at = new Date('2026-03-09T00:00:00.000Z');

describe('summons state machine', () => {
  test('when a department acknowledges an issued summons, then it is acknowledged with the time and a history entry', () => {
    const out = actOnSummons(summons(), { action: 'acknowledge', by: 'court-system', at });
    expect(out.status).toBe('ok');
    if (out.status !== 'ok') return;
    expect(out.summons).toMatchObject({ status: 'acknowledged', acknowledgedAt: at.toISOString(), version: 2 });
    expect(out.summons.history).toEqual([
      { from: 'issued', to: 'acknowledged', action: 'acknowledge', by: 'court-system', at: at.toISOString() },
    ]);
    expect(SummonsSchema.safeParse(out.summons).success).toBe(true);
  });

  test('when a department checks in after requiredBy, then the check-in is recorded as late', () => {
    const late = new Date(Date.parse(REQUIRED_BY) + 60_000);
    const out = actOnSummons(summons({ status: 'acknowledged' }), { action: 'check_in', by: 'court-system', at: late });
    expect(out).toMatchObject({ status: 'ok', summons: { status: 'checked_in', arrivedAt: late.toISOString(), onTime: false } });
  });

  test('when a department checks in exactly at requiredBy, then it is on time (arrivedAt ≤ requiredBy)', () => {
    const out = actOnSummons(summons(), {
      action: 'check_in',
      by: 'd',
      at: new Date(Date.parse(REQUIRED_BY) + 3_600_000),
      arrivedAt: new Date(REQUIRED_BY),
    });
    expect(out).toMatchObject({ status: 'ok', summons: { status: 'checked_in', arrivedAt: REQUIRED_BY, onTime: true } });
  });

  test('when a checked-in summons is cancelled, then the transition is illegal and nothing is allowed', () => {
    const checked = actOnSummons(summons(), { action: 'check_in', by: 'd', at: hoursBefore(1) });
    if (checked.status !== 'ok') throw new Error('check-in failed');
    expect(actOnSummons(checked.summons, { action: 'cancel', by: 'dispatcher', at })).toEqual({
      status: 'illegal',
      from: 'checked_in',
      action: 'cancel',
      allowed: [],
    });
  });

  test('when a summons is cancelled with a reason, then it is cancelled and keeps the reason; it cannot be acknowledged after', () => {
    const out = actOnSummons(summons(), { action: 'cancel', by: 'dispatcher', at, reason: 'parties settled' });
    if (out.status !== 'ok') throw new Error('cancel failed');
    expect(out.summons).toMatchObject({ status: 'cancelled', cancelReason: 'parties settled' });
    expect(actOnSummons(out.summons, { action: 'acknowledge', by: 'd', at }).status).toBe('illegal');
  });

  test('when asking what a caller may do, then the clock’s miss is never offered', () => {
    expect(requestableSummonsActions('issued')).toEqual(['acknowledge', 'check_in', 'cancel']);
    expect(requestableSummonsActions('acknowledged')).toEqual(['check_in', 'cancel']);
    expect(requestableSummonsActions('missed')).toEqual([]);
  });
});
