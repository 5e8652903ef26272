import type { SurgeMetrics } from './quality-surge';
import type { PolicyMetrics } from './quality-metrics';

/** Tables and the PASS/FAIL verdicts of issue 20 (surge targets, calm year against today's policy). */

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function align(head: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

export function surgeTable(rows: readonly SurgeMetrics[]): string {
  return align(
    [
      'policy',
      'cases',
      'settled',
      'deadlines missed',
      'missed w/ capacity',
      'majors',
      'major w/o gold',
      'load spread',
      'median km',
      'worst township wait h',
    ],
    rows.map((r) => [
      r.policy,
      String(r.cases),
      pct(r.settlementRate),
      String(r.deadlinesMissed),
      String(r.missedWhileCapacity),
      String(r.majors),
      String(r.majorWithoutGold),
      r.loadSpread.toFixed(2),
      r.medianTravelKm.toFixed(2),
      r.worstTownshipWaitHours.toFixed(1),
    ]),
  );
}

/** The surge targets of issue 20 for the optimizer against greedy and the general-ability oracle. */
export function surgeVerdict(rows: readonly SurgeMetrics[]): { line: string; pass: boolean }[] {
  const by = (p: string) => rows.find((r) => r.policy === p);
  const ours = by('optimizer');
  const greedy = by('greedy');
  const ability = by('oracle-ability');
  if (!ours || !greedy || !ability) return [{ line: '(the verdict needs optimizer, greedy and oracle-ability)', pass: false }];
  const tenth = (x: number) => Math.round(x * 10) / 10;
  const overGreedy = (ours.settlementRate - greedy.settlementRate) * 100;
  const toAbility = (ability.settlementRate - ours.settlementRate) * 100;
  const travel = ours.medianTravelKm / Math.max(1e-9, greedy.medianTravelKm) - 1;
  const check = (line: string, pass: boolean) => ({ line: `${pass ? 'PASS' : 'FAIL'}  ${line}`, pass });
  return [
    check(`deadlines missed while capacity existed: ${ours.missedWhileCapacity} (target 0)`, ours.missedWhileCapacity === 0),
    check(`major cases without a gold lead while the forecast held: ${ours.majorWithoutGold} (target 0)`, ours.majorWithoutGold === 0),
    check(`settlement ${overGreedy >= 0 ? '+' : ''}${overGreedy.toFixed(1)} points over greedy (target ≥ +10)`, tenth(overGreedy) >= 10),
    check(`settlement ${toAbility.toFixed(1)} points below the general-ability oracle (target ≤ 1)`, tenth(toAbility) <= 1),
    check(`load spread ${ours.loadSpread.toFixed(2)} (target ≤ 1.3)`, Math.round(ours.loadSpread * 100) / 100 <= 1.3),
    check(`median travel ${travel >= 0 ? '+' : ''}${(travel * 100).toFixed(1)}% vs greedy (target ≤ +15%)`, tenth(travel * 100) <= 15),
  ];
}

/** Calm year: the optimizer against today's policy on the same simulator — success not lower, travel vs greedy not higher. */
export function calmVerdict(rows: readonly PolicyMetrics[]): { line: string; pass: boolean }[] {
  const by = (p: string) => rows.find((r) => r.policy === p);
  const ours = by('optimizer');
  const today = by('today');
  const greedy = by('greedy');
  if (!ours || !today || !greedy) return [{ line: '(the calm verdict needs optimizer, today and greedy)', pass: false }];
  const tenth = (x: number) => Math.round(x * 10) / 10;
  const travel = (m: PolicyMetrics) => (m.meanTravelKm / greedy.meanTravelKm - 1) * 100;
  const check = (line: string, pass: boolean) => ({ line: `${pass ? 'PASS' : 'FAIL'}  ${line}`, pass });
  return [
    check(
      `calm success ${pct(ours.successRate)} vs today's ${pct(today.successRate)} (not lower)`,
      tenth(ours.successRate * 100) >= tenth(today.successRate * 100),
    ),
    check(
      `calm travel ${travel(ours) >= 0 ? '+' : ''}${travel(ours).toFixed(1)}% vs greedy, today's ${travel(today) >= 0 ? '+' : ''}${travel(today).toFixed(1)}% (not higher)`,
      tenth(travel(ours)) <= tenth(travel(today)),
    ),
  ];
}

/** Means over seeds of every figure, per policy (policies in the first seed's order). */
export function meanSurge(bySeed: readonly (readonly SurgeMetrics[])[]): SurgeMetrics[] {
  const first = bySeed[0] ?? [];
  return first.map((r) => {
    const all = bySeed.map((rows) => rows.find((x) => x.policy === r.policy)!);
    const m = (f: (x: SurgeMetrics) => number) => all.reduce((a, x) => a + f(x), 0) / all.length;
    return {
      policy: r.policy,
      cases: Math.round(m((x) => x.cases)),
      settlementRate: m((x) => x.settlementRate),
      deadlinesMissed: m((x) => x.deadlinesMissed),
      missedWhileCapacity: m((x) => x.missedWhileCapacity),
      majors: m((x) => x.majors),
      majorWithoutGold: m((x) => x.majorWithoutGold),
      loadSpread: m((x) => x.loadSpread),
      medianTravelKm: m((x) => x.medianTravelKm),
      worstTownshipWaitHours: m((x) => x.worstTownshipWaitHours),
    };
  });
}
