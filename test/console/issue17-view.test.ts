import { fulfilmentEnd, routeSteps } from '../../console/src/case/agreement-data';
import { clocksOf, type CaseFileView, type CaseView } from '../../console/src/case/case-data';
import {
  arrivalHeadline,
  arrivalRows,
  SOURCE_TEXT,
  type ArrivalReport,
  type HeadlineIndicator,
} from '../../console/src/indicators/arrival';
import { INDICATORS, statedValue, type KpiRow } from '../../console/src/indicators/report';
import { TEXT } from '../../console/src/text';

type Fulfilment = NonNullable<CaseFileView['fulfilment']>;
const fulfilment = (over: Partial<Fulfilment>): Fulfilment => ({
  mode: 'voluntary',
  dueAt: '2026-12-20T00:00:00Z',
  status: 'pending',
  followUps: [],
  ...over,
});

describe('the agreement after settlement on the case page', () => {
  it('When the court has not decided on acceptance, then its deadline shows; once decided, the decision date instead', () => {
    const applied = {
      kind: 'judicial_confirmation',
      status: 'applied',
      appliedAt: '2026-12-01T00:00:00Z',
      acceptanceDueAt: '2026-12-04T00:00:00Z',
    };
    expect(routeSteps(applied).map((s) => s.step)).toEqual(['applied', 'acceptanceDue']);
    const confirmed = { ...applied, status: 'confirmed', acceptanceDecidedAt: '2026-12-03T00:00:00Z', decidedAt: '2026-12-10T00:00:00Z' };
    expect(routeSteps(confirmed)).toEqual([
      { step: 'applied', at: '2026-12-01T00:00:00Z' },
      { step: 'acceptanceDecided', at: '2026-12-03T00:00:00Z' },
      { step: 'decided', at: '2026-12-10T00:00:00Z' },
    ]);
  });

  it('When a party reneged, then enforcement shows its basis and litigation the notice to the parties', () => {
    expect(
      fulfilmentEnd(fulfilment({ status: 'enforcement', enforcementAt: '2026-12-21T00:00:00Z', enforcementBasis: 'arbitral_award' })),
    ).toEqual({
      kind: 'enforcement',
      at: '2026-12-21T00:00:00Z',
      basis: 'arbitral_award',
    });
    const notice = { at: '2026-12-22T00:00:00Z', channel: 'letter' };
    expect(fulfilmentEnd(fulfilment({ status: 'litigation', litigationAt: '2026-12-22T00:00:00Z', notice }))).toEqual({
      kind: 'litigation',
      at: '2026-12-22T00:00:00Z',
      notice,
    });
    expect(fulfilmentEnd(fulfilment({ status: 'overdue' }))).toBeUndefined();
    expect(fulfilmentEnd(null)).toBeUndefined();
  });

  it('When the case went back to litigation, then the fulfilment clock stops at that date', () => {
    const view = { status: 'settled', deadlineAt: '2026-12-30T00:00:00Z' } as CaseView;
    const file = {
      termEndsAt: null,
      termExtensionDays: 0,
      attempts: [],
      sessions: [],
      settlement: null,
      history: [],
      fulfilment: fulfilment({ status: 'litigation', litigationAt: '2026-12-22T00:00:00Z' }),
    } as unknown as CaseFileView;
    expect(clocksOf(view, file).find((c) => c.kind === 'fulfilment')?.metAt).toBe('2026-12-22T00:00:00Z');
  });
});

describe('按时到位率 on the indicators page', () => {
  const counts = (due: number, onTime: number, rate: number | null) => ({ due, onTime, late: due - onTime, missed: 0, open: 0, rate });
  const report: ArrivalReport = {
    from: '2026-12-01',
    to: '2027-01-01',
    total: counts(30, 25, 25 / 30),
    byDepartment: [
      { department: 'court', ...counts(10, 10, 1) },
      { department: 'health', ...counts(0, 0, null) },
      { department: 'transport', ...counts(10, 7, 0.7) },
      { department: 'housing', ...counts(10, 8, 0.8) },
      { department: 'agriculture_rural', ...counts(20, 14, 0.7) },
    ],
    definition: { numerator: { zh: '分子', en: 'n' }, denominator: { zh: '分母', en: 'd' }, period: { zh: '期间', en: 'p' } },
  };

  it('When departments are listed, then the weakest come first, more due breaking a tie, and one with nothing due last', () => {
    expect(arrivalRows(report).map((r) => r.department)).toEqual(['agriculture_rural', 'transport', 'housing', 'court', 'health']);
  });

  it('When the report states the indicators, then 按时到位率 is found with a source the page has words for', () => {
    const stated = {
      id: 'departmentsOnTimeRate',
      value: 0.8,
      numerator: { value: 8, label: { zh: '按时', en: 'on time' } },
      denominator: { value: 10, label: { zh: '到期', en: 'due' } },
      source: 'summonses' as const,
    };
    expect(arrivalHeadline([{ ...stated, id: 'successRate' }, stated])).toBe(stated);
    expect(arrivalHeadline(undefined)).toBeUndefined();
    for (const key of Object.values(SOURCE_TEXT)) expect(TEXT[key]['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('the issue 17 console words', () => {
  const slots = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
  const mine = Object.entries(TEXT).filter(([key]) => /^(sm|panel|agr|kpiArrival|kpiSource|fulfilmentLitigation)/.test(key));

  it('When a sentence has slots, then Chinese and English have the same ones and the Chinese is Chinese', () => {
    expect(mine.length).toBeGreaterThan(40);
    for (const [key, text] of mine) {
      expect([key, slots(text['zh-CN'])]).toEqual([key, slots(text.en)]);
      expect([key, /[\u4e00-\u9fff]/.test(text['zh-CN']) || /^[\s（）()，、：；]*$/.test(text['zh-CN'].replace(/\{\w+\}/g, ''))]).toEqual([
        key,
        true,
      ]);
    }
  });
});

describe('the indicator table', () => {
  const byKey = (key: string) => INDICATORS.find((i) => i.key === key)!;
  const total = { departmentsOnTimeRate: null, referred: 12 } as unknown as KpiRow;
  const stated: HeadlineIndicator = {
    id: 'departmentsOnTimeRate',
    value: 0.5,
    numerator: { value: 1, label: { zh: '按时', en: 'on time' } },
    denominator: { value: 2, label: { zh: '到期', en: 'due' } },
    source: 'summonses',
  };

  it('When the report states 按时到位率 from the summonses, then the table shows that figure, not the sessions’ row', () => {
    expect(statedValue(byKey('departmentsOnTimeRate'), { total, indicators: [stated] })).toBe(0.5);
    expect(statedValue(byKey('departmentsOnTimeRate'), { total })).toBeNull();
    expect(statedValue(byKey('referred'), { total, indicators: [stated] })).toBe(12);
  });
});
