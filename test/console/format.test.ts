import { formatDate, formatDateTime, formatNumber, formatPercent, formatTime, formatTimeLeft, urgencyOf } from '../../console/src/format';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-12-06T04:00:00Z'); // 12:00 in Shanghai

describe('console figures', () => {
  test('when a figure carries float noise, then it is rounded to the digits asked', () => {
    expect(formatNumber(0.9199999999999999, 'zh-CN', 2)).toBe('0.92');
    expect(formatNumber(0.9199999999999999, 'en', 2)).toBe('0.92');
    expect(formatNumber(12.345, 'en')).toBe('12.3');
    expect(formatNumber(12345.6, 'zh-CN', 0)).toBe('12,346');
  });

  test('when a share is shown, then as a percentage with at most one decimal', () => {
    expect(formatPercent(0.7183, 'en')).toBe('71.8%');
    expect(formatPercent(0.5, 'zh-CN')).toBe('50%');
    expect(formatPercent(0.9199999999999999, 'en')).toBe('92%');
  });
});

describe('console dates are Shanghai time whatever the machine zone', () => {
  test('when an instant is late evening UTC, then it shows the next day in Shanghai', () => {
    const iso = '2026-03-01T17:30:00Z'; // 01:30 on 2 March in Shanghai
    expect(formatDate(iso, 'zh-CN')).toBe('2026/03/02');
    expect(formatTime(iso, 'en')).toBe('01:30');
    expect(formatDateTime(iso, 'zh-CN')).toBe('2026/03/02 01:30');
  });

  test('when there is no instant, then a dash', () => {
    expect(formatDateTime(undefined, 'zh-CN')).toBe('—');
  });
});

describe('time left in words', () => {
  const at = (ms: number) => new Date(NOW + ms).toISOString();

  test('when days and hours are left, then both; whole days drop the hours', () => {
    expect(formatTimeLeft(at(2 * DAY + 5 * HOUR + 10_000), NOW, 'zh-CN')).toBe('还剩2天5小时');
    expect(formatTimeLeft(at(2 * DAY + 5 * HOUR + 10_000), NOW, 'en')).toBe('2 d 5 h left');
    expect(formatTimeLeft(at(5 * DAY + 60_000), NOW, 'zh-CN')).toBe('还剩5天');
  });

  test('when under a day or an hour is left, then hours or minutes', () => {
    expect(formatTimeLeft(at(5 * HOUR + 20 * 60_000), NOW, 'zh-CN')).toBe('还剩5小时');
    expect(formatTimeLeft(at(25 * 60_000), NOW, 'en')).toBe('25 min left');
    expect(formatTimeLeft(at(10_000), NOW, 'zh-CN')).toBe('还剩1分钟');
  });

  test('when the deadline has passed, then how long overdue', () => {
    expect(formatTimeLeft(at(-2 * DAY - 30 * 60_000), NOW, 'zh-CN')).toBe('已超期2天');
    expect(formatTimeLeft(at(-3 * HOUR), NOW, 'zh-CN')).toBe('已超期3小时');
    expect(formatTimeLeft(at(-3 * HOUR), NOW, 'en')).toBe('3 h overdue');
  });

  test('when deadlines are past, within a day, within three days or later, then overdue, due_today, due_soon, calm', () => {
    expect(urgencyOf(at(-1), NOW)).toBe('overdue');
    expect(urgencyOf(at(23 * HOUR), NOW)).toBe('due_today');
    expect(urgencyOf(at(2 * DAY + 23 * HOUR), NOW)).toBe('due_soon');
    expect(urgencyOf(at(3 * DAY), NOW)).toBe('calm');
    expect(urgencyOf(undefined, NOW)).toBe('calm');
  });
});
