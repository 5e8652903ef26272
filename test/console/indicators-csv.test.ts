import { BOM, buildCsv, csvField } from '../../console/src/indicators/csv';
import { csvValue, indicatorsCsv } from '../../console/src/indicators/export';
import { INDICATORS, type KpiRow } from '../../console/src/indicators/report';

const row = (group: string, over: Partial<KpiRow> = {}): KpiRow => ({
  group,
  referred: 10,
  settled: 6,
  returnedToCourt: 2,
  withdrawn: 1,
  successRate: 0.75,
  attemptSuccessRate: 0.6,
  courtSuccessRate: null,
  preLitigationRate: null,
  lawsuits: 2,
  lawsuitsPer10kAnnualised: 1.23456,
  onTimeRate: 0.5,
  departmentsOnTimeRate: 1,
  highQualityRate: null,
  daysToSettleMedian: 4.5,
  ...over,
});

describe('CSV for Excel', () => {
  it('When a file is built, then it starts with the UTF-8 BOM and every line ends with CRLF', () => {
    const csv = buildCsv([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(BOM).toBe('\uFEFF');
    expect(csv.slice(1)).toBe('a,b\r\nc,d\r\n');
    expect(csv.slice(1).replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('When a field holds a comma, quote or line break, then it is quoted with quotes doubled', () => {
    expect(csvField('清泉镇, 南街')).toBe('"清泉镇, 南街"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('调处成功率')).toBe('调处成功率');
  });

  it('When a field starts like a formula, then it is kept as text with an apostrophe', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-3')).toBe("'-3");
    expect(csvField('@a')).toBe("'@a");
  });

  it('When a value is missing or not finite, then the field is empty; numbers are written as they are', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(-2.5)).toBe('-2.5');
    expect(csvField(0)).toBe('0');
  });
});

describe('the indicators export', () => {
  const share = INDICATORS.find((i) => i.kind === 'share')!;
  const per10k = INDICATORS.find((i) => i.kind === 'per10k')!;

  it('When a figure is a share, then the file holds it as a percentage with one decimal', () => {
    expect(csvValue(share, 0.71834)).toBe(71.8);
    expect(csvValue(share, null)).toBeNull();
    expect(csvValue(per10k, 1.23456)).toBe(1.23);
  });

  it('When sections are exported, then each row names its section and group, and the definitions follow', () => {
    const csv = indicatorsCsv(
      [
        { title: '合计', rows: [row('2026-03')], groupName: (g) => g },
        { title: '按乡镇', rows: [row('t01'), row('t02', { successRate: null })], groupName: (g) => (g === 't01' ? '清泉镇' : '位奇镇') },
      ],
      {
        grouping: '分组方式',
        group: '分组',
        definition: '口径',
        indicator: (i) => `名_${i.key}`,
        definitions: { successRate: '调处成功率 = 成功 ÷ (成功 + 退回)' },
      },
    );
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe(['分组方式', '分组', ...INDICATORS.map((i) => `名_${i.key}`)].join(','));
    const successAt = 2 + INDICATORS.findIndex((i) => i.key === 'successRate');
    expect(lines[1]!.split(',').slice(0, 2)).toEqual(['合计', '2026-03']);
    expect(lines[1]!.split(',')[successAt]).toBe('75');
    expect(lines[2]!.split(',').slice(0, 2)).toEqual(['按乡镇', '清泉镇']);
    expect(lines[3]!.split(',')[successAt]).toBe('');
    expect(lines[4]).toBe('');
    expect(lines).toContain('口径,名_successRate,调处成功率 = 成功 ÷ (成功 + 退回)');
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
