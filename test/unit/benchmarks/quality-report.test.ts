import { metricsRow } from './metrics-row';
import { seedSummary, targetFigures, verdict } from '../../../benchmarks/lib/quality-report';

const row = metricsRow;

describe('quality report', () => {
  const seedA = [row('optimizer', 0.73, 0.72, 4.4), row('oracle', 0.75, 0.75, 4.5), row('greedy', 0.57, 0.56, 4.0)];
  const seedB = [row('optimizer', 0.71, 0.7, 4.6), row('oracle', 0.75, 0.73, 4.5), row('greedy', 0.59, 0.58, 4.0)];

  test('target figures: gaps in points, travel as a ratio to greedy', () => {
    const f = targetFigures(seedA)!;
    expect(f.gapOracle).toBeCloseTo(2);
    expect(f.expGapOracle).toBeCloseTo(3);
    expect(f.gapGreedy).toBeCloseTo(16);
    expect(f.travel).toBeCloseTo(0.1);
    expect(targetFigures(seedA.slice(0, 2))).toBeNull();
  });

  test('verdict: a gap of exactly 2 and travel of exactly +10% meet the targets; more does not', () => {
    expect(verdict(seedA).join('\n')).toMatch(/gap 2\.0 points; target ≤ 2\) — met/);
    expect(verdict(seedA).join('\n')).toMatch(/travel:.*— met/);
    expect(verdict(seedB).join('\n')).toMatch(/gap 4\.0 points; target ≤ 2\) — NOT met/);
    expect(verdict(seedB).join('\n')).toMatch(/travel:.*— NOT met/);
  });

  test('summary: one line per seed and the mean of the seeds', () => {
    const lines = seedSummary([
      { seed: 1, rows: seedA },
      { seed: 2, rows: seedB },
    ]).split('\n');
    expect(lines).toHaveLength(5);
    const mean = lines[4]!;
    expect(mean).toMatch(/^mean/);
    expect(mean).toContain('72.0 / 71.0'); // optimizer
    expect(mean).toContain('3.0 / 3.0'); // gaps to the oracle
    expect(mean).toContain('+14.0');
    expect(mean).toContain('+12.5%'); // 4.5 km vs 4.0 km
  });
});
