import { loadLifecycleConfig } from '../../../src/domain/config/lifecycle-config';
import { loadSubsidyConfig } from '../../../src/domain/config/subsidy-config';
import type { CaseFile } from '../../../src/domain/lifecycle-file';
import type { CaseClass } from '../../../src/domain/taxonomy';
import { simulateLifecycle, type LifecycleSimResult } from '../../../src/simulator/lifecycle-simulation';
import { computeKpis, type KpiReport } from '../../../src/use-cases/reports/kpis';

const DAY = 86_400_000;
const lifecycle = loadLifecycleConfig();

/**
 * The indicators of a simulated month recomputed here from the transition histories alone (not
 * from the attempts, settlement or session records the report reads), then compared.
 */
function fromHistories(files: readonly CaseFile[], from: number, to: number) {
  const inP = (iso: string) => Date.parse(iso) >= from && Date.parse(iso) < to;
  let settled = 0;
  let returned = 0;
  let withdrawn = 0;
  let courtConcluded = 0;
  let withdrawnMediated = 0;
  let firstSessions = 0;
  let firstOnTime = 0;
  let attemptsEnded = 0;
  let attemptsSettled = 0;
  const settleDays: number[] = [];
  for (const f of files) {
    const h = f.history;
    const settle = h.find((x) => x.action === 'settle');
    const ret = h.find((x) => x.action === 'return_to_court');
    const wd = h.find((x) => x.action === 'withdraw');
    if (settle && inP(settle.at)) {
      settled += 1;
      settleDays.push((Date.parse(settle.at) - Date.parse(f.referredAt)) / DAY);
    }
    if (ret && inP(ret.at)) returned += 1;
    const mediationBegan = h.some((x) => x.action === 'start_mediation');
    if (wd && inP(wd.at)) {
      withdrawn += 1;
      if (mediationBegan) withdrawnMediated += 1;
    }
    // Concluded mediation: settled, returned to court, or withdrawn after mediation began.
    const concluded = [settle, ret].some((x) => x && inP(x.at)) || (wd !== undefined && inP(wd.at) && mediationBegan);
    if (f.channel === 'court' && concluded) courtConcluded += 1;
    // Attempts: the first starts at referral with the intake class; each escalate starts the next one tier up.
    let cls: CaseClass = f.attempts[0]!.class; // the intake class
    let start = Date.parse(f.referredAt);
    let seen = false;
    let previous: string | undefined;
    for (const x of h) {
      // Attempts that ended after a session: settle, fail, or a return to court mid-attempt (not the one right after a failure).
      if (inP(x.at) && seen) {
        if (x.action === 'settle') {
          attemptsEnded += 1;
          attemptsSettled += 1;
        }
        if (x.action === 'fail_attempt') attemptsEnded += 1;
        if (x.action === 'return_to_court' && previous !== 'fail_attempt') attemptsEnded += 1;
      }
      previous = x.action;
      if (x.action === 'escalate') {
        cls = lifecycle.escalation[cls];
        start = Date.parse(x.at);
        seen = false;
      } else if (x.action === 'start_mediation' && !seen) {
        seen = true;
        if (inP(x.at)) {
          firstSessions += 1;
          if (Date.parse(x.at) <= start + lifecycle.firstSessionTargetDays[cls] * DAY) firstOnTime += 1;
        }
      }
    }
  }
  settleDays.sort((a, b) => a - b);
  const median = settleDays.length ? settleDays[Math.ceil(settleDays.length / 2) - 1]! : null;
  return { settled, returned, withdrawn, withdrawnMediated, courtConcluded, firstSessions, firstOnTime, median, attemptsEnded, attemptsSettled };
}

describe('indicators of a simulated month', () => {
  let sim: LifecycleSimResult;
  let report: KpiReport;
  let from: number;
  let to: number;

  beforeAll(async () => {
    sim = await simulateLifecycle({ days: 30 });
    from = sim.start.getTime();
    to = sim.end.getTime();
    const mediators = new Map(sim.mediators.map((m) => [m.id, m]));
    report = computeKpis({ files: sim.files, from: sim.start, to: sim.end, by: 'township', mediator: (id) => mediators.get(id), subsidy: loadSubsidyConfig() });
  }, 600_000);

  it('when recomputed from the transition histories, then the counts and rates agree', () => {
    const h = fromHistories(sim.files, from, to);
    const t = report.total;
    expect(t.settled).toBe(h.settled);
    expect(t.returnedToCourt).toBe(h.returned);
    expect(t.withdrawn).toBe(h.withdrawn);
    expect(t.withdrawnAfterMediation).toBe(h.withdrawnMediated);
    expect(t.successRate).toBeCloseTo(h.settled / (h.settled + h.returned + h.withdrawnMediated), 12);
    expect(t.courtConcluded).toBe(h.courtConcluded);
    // No court figures were given: the court-based indicators are null, never 0.
    expect(t.preLitigationRate).toBeNull();
    expect(t.firstSessions).toBe(h.firstSessions);
    expect(t.attemptsEnded).toBe(h.attemptsEnded);
    expect(t.attemptSuccessRate).toBeCloseTo(h.attemptsSettled / h.attemptsEnded, 12);
    expect(t.onTimeRate).toBeCloseTo(h.firstOnTime / h.firstSessions, 12);
    expect(t.daysToSettleMedian).toBeCloseTo(h.median!, 9);
    expect(t.referred).toBe(sim.files.filter((f) => Date.parse(f.referredAt) < to).length);
  });

  it('when grouped by township, then the groups add up to the total', () => {
    const sum = (k: 'settled' | 'returnedToCourt' | 'referred' | 'firstSessions') => report.rows.reduce((a, r) => a + r[k], 0);
    expect(sum('settled')).toBe(report.total.settled);
    expect(sum('returnedToCourt')).toBe(report.total.returnedToCourt);
    expect(sum('referred')).toBe(report.total.referred);
    expect(report.rows.map((r) => r.group)).toEqual(['t01', 't02', 't03', 't04', 't05', 't06', 't07', 't08']);
  });

  it('when the month has run, then the loop closed: cases settled, failed cases escalated, some returned to court, clocks raised warnings', () => {
    const t = report.total;
    expect(t.referred).toBeGreaterThan(800);
    expect(t.settled).toBeGreaterThan(300);
    expect(t.returnedToCourt).toBeGreaterThan(0);
    expect(sim.files.some((f) => f.history.some((x) => x.action === 'escalate'))).toBe(true);
    expect(sim.events.some((e) => e.type === 'case.deadline_warning')).toBe(true);
    expect(sim.scheduling.placed).toBeGreaterThan(t.settled);
  });

  it('when the files are checked, then no mediator was ever in two held sessions in the same half-day', () => {
    const seen = new Set<string>();
    for (const f of sim.files) {
      for (const s of f.sessions) {
        if (s.status === 'cancelled') continue;
        for (const k of [...s.mediatorIds.map((m) => `m:${m}`), `r:${s.roomId}`]) {
          const key = `${k}@${s.slot.date}/${s.slot.half}`;
          expect(seen.has(key)).toBe(false);
          seen.add(key);
        }
      }
    }
  });
});
