import { bucketByDay, shanghaiDate, shiftWeek, weekDates, weekStartOf, weekWindow } from '../../console/src/schedule/week';

describe('weeks in Asia/Shanghai', () => {
  test('when it is Sunday 23:30 in Shanghai (15:30 UTC), then the week is the one that began on the Monday before', () => {
    const sundayNight = Date.parse('2026-12-06T15:30:00Z'); // Sun 6 Dec 23:30 +08:00
    expect(new Date(weekStartOf(sundayNight)).toISOString()).toBe('2026-11-29T16:00:00.000Z'); // Mon 30 Nov 00:00 +08:00
  });
  test('when it is Monday 00:30 in Shanghai (Sunday 16:30 UTC), then the week begins that Monday', () => {
    const mondayEarly = Date.parse('2026-12-06T16:30:00Z');
    expect(new Date(weekStartOf(mondayEarly)).toISOString()).toBe('2026-12-06T16:00:00.000Z');
    expect(shanghaiDate(mondayEarly)).toBe('2026-12-07');
  });
  test('when the week is listed, then it has seven dates Monday to Sunday and its window is half-open over 7 days', () => {
    const start = weekStartOf(Date.parse('2026-12-09T03:00:00Z'));
    expect(weekDates(start)).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13']);
    expect(weekWindow(start)).toEqual({ from: '2026-12-06T16:00:00.000Z', to: '2026-12-13T16:00:00.000Z' });
    expect(weekDates(shiftWeek(start, -1))[0]).toBe('2026-11-30');
    expect(weekDates(shiftWeek(start, 4))[6]).toBe('2027-01-10');
  });
  test('when sessions are bucketed, then each goes to its Shanghai day in time order and sessions outside the week are dropped', () => {
    const start = weekStartOf(Date.parse('2026-12-09T03:00:00Z'));
    const days = bucketByDay(
      [
        { id: 'pm', start: '2026-12-08T06:30:00Z' }, // Tue 14:30
        { id: 'am', start: '2026-12-08T01:00:00Z' }, // Tue 09:00
        { id: 'late', start: '2026-12-13T15:59:00Z' }, // Sun 23:59
        { id: 'next', start: '2026-12-13T16:00:00Z' }, // next Monday 00:00
        { id: 'utcSunday', start: '2026-12-06T16:00:00Z' }, // Mon 00:00 in Shanghai, still Sunday in UTC
      ],
      start,
    );
    expect([...days.keys()]).toHaveLength(7);
    expect(days.get('2026-12-07')!.map((s) => s.id)).toEqual(['utcSunday']);
    expect(days.get('2026-12-08')!.map((s) => s.id)).toEqual(['am', 'pm']);
    expect(days.get('2026-12-13')!.map((s) => s.id)).toEqual(['late']);
    expect([...days.values()].flat().some((s) => s.id === 'next')).toBe(false);
  });
});
