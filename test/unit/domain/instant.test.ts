import { InstantSchema, CalendarDateSchema, DateOrInstantSchema, parseCalendarDate, parseInstant } from '../../../src/domain/instant';

describe('strict dates (issue 18)', () => {
  test.each([
    ['2026-03-05T09:30:00Z', Date.UTC(2026, 2, 5, 9, 30)],
    ['2026-03-05T17:30:00+08:00', Date.UTC(2026, 2, 5, 9, 30)],
    ['2026-03-05T09:30:00.123Z', Date.UTC(2026, 2, 5, 9, 30, 0, 123)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['2000-01-01T00:00:00Z', Date.UTC(2000, 0, 1)],
    ['2100-12-31T23:59:59Z', Date.UTC(2100, 11, 31, 23, 59, 59)],
  ])('when the date-time is %s, then it is accepted as the right instant', (s, ms) => {
    expect(parseInstant(s)).toBe(ms);
    expect(InstantSchema.safeParse(s).success).toBe(true);
  });

  test.each([
    ['1', 'a bare number'],
    ['Tuesday 5 March', 'words'],
    ['+275760-09-13T00:00:00Z', 'an expanded year (the RangeError of issue 18)'],
    ['2026-02-30T00:00:00Z', 'a day the calendar does not have'],
    ['2025-02-29T00:00:00Z', 'February 29 of a common year'],
    ['2026-13-01T00:00:00Z', 'month 13'],
    ['2026-03-05T24:00:00Z', 'hour 24'],
    ['2026-03-05T09:60:00Z', 'minute 60'],
    ['2026-03-05T09:30:60Z', 'a leap second'],
    ['2026-03-05T09:30Z', 'no seconds'],
    ['2026-03-05T09:30:00', 'no offset'],
    ['2026-03-05T09:30:00+24:00', 'offset hour 24'],
    ['2026-03-05 09:30:00Z', 'a space for T'],
    ['1999-12-31T23:59:59Z', 'before 2000'],
    ['2101-01-01T00:00:00Z', 'after 2100'],
    ['2026-03-05', 'a plain date where a date-time is meant'],
    [' 2026-03-05T09:30:00Z', 'leading space'],
  ])('when the date-time is %s (%s), then it is refused', (s) => {
    expect(parseInstant(s)).toBeNull();
    const r = InstantSchema.safeParse(s);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/RFC 3339/);
  });

  test('when a plain date is real and in range, then it is accepted; otherwise refused', () => {
    expect(parseCalendarDate('2026-03-05')).toBe(Date.UTC(2026, 2, 5));
    for (const bad of ['2026-02-30', '2026-3-5', '20260305', '1999-12-31', '2026-00-10', '2026-03-05T00:00:00Z']) {
      expect(CalendarDateSchema.safeParse(bad).success).toBe(false);
    }
  });

  test('when a field takes a date or a date-time, then both strict forms pass and lenient ones do not', () => {
    expect(DateOrInstantSchema.safeParse('2026-03-05').success).toBe(true);
    expect(DateOrInstantSchema.safeParse('2026-03-05T08:00:00Z').success).toBe(true);
    for (const bad of ['1', 'March 5', '2026-02-30', '+275760-09-13T00:00:00Z'])
      expect(DateOrInstantSchema.safeParse(bad).success).toBe(false);
  });
});
