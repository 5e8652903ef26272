import type { KpiRow } from '../../console/src/indicators/report';
import {
  localMonthOf,
  monthName,
  recentMonths,
  seriesOf,
  shiftMonth,
  withActivity,
  yearEndingWith,
} from '../../console/src/indicators/series';
import { failureOf, figuresOf, type Run } from '../../console/src/rebalance/run';

const row = (group: string, over: Partial<KpiRow> = {}): KpiRow => ({
  group,
  referred: 0,
  settled: 0,
  returnedToCourt: 0,
  withdrawn: 0,
  successRate: null,
  attemptSuccessRate: null,
  courtSuccessRate: null,
  preLitigationRate: null,
  lawsuits: 0,
  lawsuitsPer10kAnnualised: 0,
  onTimeRate: null,
  departmentsOnTimeRate: null,
  highQualityRate: null,
  daysToSettleMedian: null,
  ...over,
});

describe('indicator chart series', () => {
  it('When months are shifted, then years roll over both ways', () => {
    expect(shiftMonth('2026-03', 11)).toBe('2025-04');
    expect(shiftMonth('2026-01', 1)).toBe('2025-12');
    expect(shiftMonth('2026-12', -1)).toBe('2027-01');
    expect(yearEndingWith('2026-03')).toEqual({ first: '2025-04', afterLast: '2026-04' });
  });

  it('When the local month is read, then it is China time: 16:00Z on the last day is already the next month', () => {
    expect(localMonthOf(new Date('2026-02-28T15:59:59Z'))).toBe('2026-02');
    expect(localMonthOf(new Date('2026-02-28T16:00:00Z'))).toBe('2026-03');
  });

  it('When months are named, then Chinese and English read naturally, with or without the year', () => {
    expect(monthName('2026-03', 'zh-CN')).toBe('2026年3月');
    expect(monthName('2026-03', 'zh-CN', true)).toBe('3月');
    expect(monthName('2026-12', 'en')).toBe('Dec 2026');
    expect(monthName('2026-01', 'en', true)).toBe('Jan');
    expect(recentMonths('2026-02', 3)).toEqual(['2026-02', '2026-01', '2025-12']);
  });

  it('When rows become columns, then shares are percentages, undefined rates are gaps, labels follow the rows', () => {
    const rows = [row('t01', { referred: 12, successRate: 0.7183 }), row('t02', { referred: 3, successRate: null })];
    const s = seriesOf(
      rows,
      ['referred', 'successRate'],
      (g) => (g === 't01' ? '清泉镇' : '位奇镇'),
      (k) => k.endsWith('Rate'),
    );
    expect(s.x).toEqual([0, 1]);
    expect(s.labels).toEqual(['清泉镇', '位奇镇']);
    expect(s.columns).toEqual([
      [12, 3],
      [71.8, null],
    ]);
  });

  it('When a group had no case referred or concluded, then a breakdown leaves it out', () => {
    expect(withActivity([row('t01', { referred: 1 }), row('t02'), row('t03', { withdrawn: 1 })]).map((r) => r.group)).toEqual([
      't01',
      't03',
    ]);
  });
});

describe('rebalance run figures', () => {
  const side = (max: number) => ({ cost: { total: 0 }, spread: { max, min: 0, spread: max } });
  const move = (caseId: string) => ({
    seatId: `${caseId}:0`,
    caseId,
    from: 'a',
    to: 'b',
    reason: 'gain' as const,
    gain: { total: 2, net: 1 },
  });
  const plan = { moves: [move('c1'), move('c2')], stranded: [], before: side(1.2), after: side(0.9), gain: 5, penalties: 1.5, seats: 10 };

  it('When a dry run planned moves, then its figures count them as planned, none applied, gain net of penalties', () => {
    const run: Run = { status: 'planned', runId: 'r', plan };
    expect(figuresOf(run)).toEqual({ moves: 2, applied: 0, refused: 0, netGain: 3.5, maxBefore: 1.2, maxAfter: 0.9, stranded: 0 });
  });

  it('When an applying run had a move refused, then the figures say what the store applied and refused', () => {
    const run: Run = { status: 'applied', runId: 'r', plan, applied: { applied: ['c1'], refused: [{ caseId: 'c2' }] } };
    expect(figuresOf(run)).toMatchObject({ moves: 2, applied: 1, refused: 1 });
  });
});

describe('rebalance failures', () => {
  it('When the service answers 409, 503 or 403, then the console names why; anything else keeps the service message', () => {
    expect(failureOf(409)).toBe('locked');
    expect(failureOf(503)).toBe('noWorker');
    expect(failureOf(403)).toBe('forbidden');
    expect(failureOf(500)).toBe('other');
    expect(failureOf(undefined)).toBe('other');
  });
});
