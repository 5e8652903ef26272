import { dispatchBatch } from '../../../src/use-cases/dispatch/dispatch-batch';
import { MemoryDispatchStore } from '../../../src/adapters/memory/dispatch-memory-store';
import { forecastArrivals, poissonQuantile, type Arrival } from '../../../src/cost-model/arrival-forecast';
import { planReservations } from '../../../src/cost-model/reservations';
import { DEFAULT_RESERVATIONS } from '../../../src/domain/config/reservation-rules';
import { DAY_MS, HOUR_MS } from '../../../src/domain/time';
import { caseIn, config, goldMediator, industryMediator, NOW } from '../cost-model/helpers';

/** `perDay` major referrals at noon UTC on each of the `days` before `NOW`, and 20 ordinary ones. */
function history(days: number, perDay: (date: Date) => number): Arrival[] {
  const out: Arrival[] = [];
  const today = Math.floor(NOW.getTime() / DAY_MS) * DAY_MS;
  for (let d = 1; d <= days; d++) {
    const at = today - d * DAY_MS + 4 * HOUR_MS;
    for (let k = 0; k < perDay(new Date(at)); k++) out.push({ at, class: 'major' });
    for (let k = 0; k < 20; k++) out.push({ at, class: 'ordinary' });
  }
  return out;
}

const gold = DEFAULT_RESERVATIONS.filter((r) => r.pool === 'gold');

describe('forecast of arrivals', () => {
  test('when one major case arrived every day, then two days ahead about two are expected', () => {
    const f = forecastArrivals(
      history(120, () => 1),
      'major',
      NOW,
      2,
      365,
    );
    expect(f.expected).toBeCloseTo(2, 1);
    expect(f.basis).toEqual({ days: 120, arrivals: 120 * 21, ofClass: 120 });
    expect(f.perDay.map((d) => d.date)).toEqual(['2024-03-20', '2024-03-21', '2024-03-22']);
  });

  test('when majors arrive only on Mondays and referrals are busier then, then a Monday is forecast above a Sunday', () => {
    const h = history(140, (d) => (d.getUTCDay() === 1 ? 3 : 0));
    const monday = forecastArrivals(h, 'major', new Date('2024-03-18T00:00:00Z'), 1, 365);
    const sunday = forecastArrivals(h, 'major', new Date('2024-03-17T00:00:00Z'), 1, 365);
    expect(monday.expected).toBeGreaterThan(sunday.expected);
  });

  test('when nothing was recorded, then nothing is expected and no seat is kept', () => {
    expect(forecastArrivals([], 'major', NOW, 2, 365).expected).toBe(0);
    expect(poissonQuantile(0, 0.9)).toBe(0);
    expect(poissonQuantile(2, 0.9)).toBe(4);
  });

  test('when seats are planned, then they go one at a time to the mediator with most room, never beyond the free seats', () => {
    const mediators = [goldMediator('g1', { capacity: 6 }), goldMediator('g2', { capacity: 6 })];
    const plan = planReservations(gold, { mediators, loads: new Map([['g1', 5]]), history: history(120, () => 1), config, now: NOW });
    const rule = plan.rules[0]!;
    expect(rule.wanted).toBe(poissonQuantile(rule.forecast.expected, 0.9));
    expect(rule.kept).toBe(Math.min(rule.wanted, 7));
    expect(rule.byMediator.get('g2')).toBeGreaterThanOrEqual(rule.byMediator.get('g1') ?? 0);
    const none = planReservations(gold, {
      mediators,
      loads: new Map([
        ['g1', 6],
        ['g2', 6],
      ]),
      history: history(120, () => 5),
      config,
      now: NOW,
    });
    expect(none.rules[0]!.kept).toBe(0);
  });
});

describe('kept seats in dispatch', () => {
  const majorsDaily = { rules: gold, history: { arrivals: () => Promise.resolve(history(120, () => 1)) } };

  test('when an ordinary case could take the last free gold seat at 10:00, then the seat is kept and the major case of 14:00 gets its gold lead', async () => {
    const s = new MemoryDispatchStore([goldMediator('g1', { capacity: 1 }), industryMediator('i-land', 'land')]);
    // No village mediator: the ordinary case's only option is gold overflow.
    s.addCase(caseIn('o1', 't01-v02'));
    const morning = await dispatchBatch(s, { config, now: NOW, reservations: majorsDaily });
    expect(morning.assigned).toEqual([]);
    expect(morning.unassigned.map((u) => [u.caseId, u.reason])).toEqual([['o1', 'capacity']]);
    expect(morning.unassigned[0]!.detail).toContain('kept for expected cases');
    expect(morning.kept!.rules[0]!.kept).toBe(1);
    s.addCase(caseIn('m1', 't01-v02', { class: 'major', category: 'land' }));
    const afternoon = await dispatchBatch(s, { config, now: new Date(NOW.getTime() + 4 * HOUR_MS), reservations: majorsDaily });
    expect(afternoon.assigned.map((a) => [a.caseId, a.assignment.mediatorIds])).toEqual([['m1', ['g1', 'i-land']]]);
  });

  test('when gold has room beyond the kept seats, then an ordinary case may use it and its explanation names the seats kept', async () => {
    const s = new MemoryDispatchStore([goldMediator('g1', { capacity: 6 })]);
    s.addCase(caseIn('o1', 't01-v02'));
    const r = await dispatchBatch(s, { config, now: NOW, reservations: majorsDaily });
    expect(r.assigned.map((a) => a.caseId)).toEqual(['o1']);
    const kept = r.kept!.rules[0]!;
    expect(kept.kept).toBeGreaterThan(0);
    expect(kept.byMediator.get('g1')).toBe(kept.kept);
  });

  test('when a case loses a mediator to kept seats, then it goes to another and its words say the seats were kept', async () => {
    // About 2 majors expected in 2 days: 4 seats kept at 90%, all with g1 (most room, then the tie by id).
    const s = new MemoryDispatchStore([goldMediator('g1', { capacity: 4 }), goldMediator('g2', { capacity: 1 })]);
    s.addCase(caseIn('o1', 't01-v02'));
    const r = await dispatchBatch(s, { config, now: NOW, reservations: majorsDaily });
    expect([...r.kept!.rules[0]!.byMediator]).toEqual([['g1', 4]]);
    const seat = r.assigned[0]!.assignment.seats[0]!;
    expect(seat.mediatorId).toBe('g2');
    expect(seat.explanation!.words!.en.reasons.at(-1)).toMatch(
      /^4 gold-medal seat\(s\) kept for the 2 major, difficult or complex case\(s\) expected within 2 days$/,
    );
    expect(seat.explanation!.words!['zh-CN'].reasons.at(-1)).toContain('金牌调解员预留4个席位');
  });

  test('when no reservation is asked for, then the ordinary case takes the last gold seat as before', async () => {
    const s = new MemoryDispatchStore([goldMediator('g1', { capacity: 1 })]);
    s.addCase(caseIn('o1', 't01-v02'));
    const r = await dispatchBatch(s, { config, now: NOW });
    expect(r.assigned.map((a) => a.caseId)).toEqual(['o1']);
  });
});
