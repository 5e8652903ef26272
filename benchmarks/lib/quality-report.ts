import type { PolicyMetrics } from './quality-metrics';

/** The text output of bench:quality: the per-policy table, the verdict against issue 3, the all-seeds summary. */

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function align(head: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

export function qualityTable(rows: readonly PolicyMetrics[]): string {
  const head = [
    'policy',
    'cases',
    'assigned',
    'success',
    'expected',
    'deadline ok',
    'travel km',
    'util mean',
    'util max',
    'gold seats',
    'gold non-major',
    'dispatch ms',
  ];
  return align(
    head,
    rows.map((m) => [
      m.policy,
      String(m.cases),
      String(m.assigned),
      pct(m.successRate),
      pct(m.expectedSuccess),
      pct(m.deadlineCompliance),
      m.meanTravelKm.toFixed(2),
      pct(m.utilisationMean),
      pct(m.utilisationMax),
      String(m.goldSeats),
      String(m.goldOnNonMajor),
      m.dispatchMs.toFixed(0),
    ]),
  );
}

/** The issue-3 figures of one seed; null when the run lacks the optimizer, the oracle or greedy. */
export function targetFigures(rows: readonly PolicyMetrics[]) {
  const by = (p: string) => rows.find((r) => r.policy === p);
  const opt = by('optimizer'),
    oracle = by('oracle'),
    greedy = by('greedy');
  if (!opt || !oracle || !greedy) return null;
  return {
    opt,
    oracle,
    greedy,
    gapOracle: (oracle.successRate - opt.successRate) * 100,
    expGapOracle: (oracle.expectedSuccess - opt.expectedSuccess) * 100,
    gapGreedy: (opt.successRate - greedy.successRate) * 100,
    travel: opt.meanTravelKm / greedy.meanTravelKm - 1,
  };
}

export function verdict(rows: readonly PolicyMetrics[]): string[] {
  const f = targetFigures(rows);
  if (!f) return ['(the verdict needs the optimizer, oracle and greedy policies)'];
  // Judged at the precision printed, so a gap shown as 2.0 is never "NOT met" by float noise.
  const tenth = (x: number) => Math.round(x * 10) / 10;
  return [
    `success: optimizer ${pct(f.opt.successRate)} vs oracle ${pct(f.oracle.successRate)} (gap ${f.gapOracle.toFixed(1)} points; target ≤ 2) — ${tenth(f.gapOracle) <= 2 ? 'met' : 'NOT met'}`,
    `         expected (noise-free) gap to oracle ${f.expGapOracle.toFixed(1)} points`,
    `success: optimizer ${f.gapGreedy >= 0 ? '+' : ''}${f.gapGreedy.toFixed(1)} points vs greedy — ${tenth(f.gapGreedy) > 1 ? 'clearly above' : 'NOT clearly above'}`,
    `travel:  optimizer ${(f.travel * 100).toFixed(1)}% vs greedy (target ≤ +10%) — ${tenth(f.travel * 100) <= 10 ? 'met' : 'NOT met'}`,
  ];
}

/** One line per seed, then the mean: every policy's realised/expected success, the gaps and the travel ratio. */
export function seedSummary(bySeed: readonly { seed: number; rows: readonly PolicyMetrics[] }[]): string {
  const policies = bySeed[0]!.rows.map((r) => r.policy);
  const head = ['seed', ...policies, 'gap oracle', 'vs greedy', 'travel vs greedy'];
  const cells = (rows: readonly PolicyMetrics[]) => {
    const f = targetFigures(rows);
    return [
      ...rows.map((r) => `${(r.successRate * 100).toFixed(1)} / ${(r.expectedSuccess * 100).toFixed(1)}`),
      f ? `${f.gapOracle.toFixed(1)} / ${f.expGapOracle.toFixed(1)}` : '-',
      f ? `+${f.gapGreedy.toFixed(1)}` : '-',
      f ? `${f.travel >= 0 ? '+' : ''}${(f.travel * 100).toFixed(1)}%` : '-',
    ];
  };
  const body = bySeed.map(({ seed, rows }) => [String(seed), ...cells(rows)]);
  const mean = (pick: (r: PolicyMetrics) => number, policy: string) =>
    bySeed.reduce((a, s) => a + pick(s.rows.find((r) => r.policy === policy)!), 0) / bySeed.length;
  const meanRows: PolicyMetrics[] = bySeed[0]!.rows.map((r) => ({
    ...r,
    successRate: mean((x) => x.successRate, r.policy),
    expectedSuccess: mean((x) => x.expectedSuccess, r.policy),
    meanTravelKm: mean((x) => x.meanTravelKm, r.policy),
  }));
  return align(head, [...body, ['mean', ...cells(meanRows)]]);
}
