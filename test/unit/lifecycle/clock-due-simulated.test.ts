import fc from 'fast-check';
import { settleClockAtImport } from '../../../src/domain/lifecycle/backfill';
import { openCaseFile } from '../../../src/domain/lifecycle/case-file';
import { tick } from '../../../src/domain/lifecycle/clock';
import { clockDue, clockDueAt, type ClockRule } from '../../../src/domain/lifecycle/clock-due';
import type { CaseFile } from '../../../src/domain/lifecycle-file';
import { Rng } from '../../../src/domain/random';
import { generateCounty } from '../../../src/simulator/county';
import { simulateLifecycle } from '../../../src/simulator/lifecycle-simulation';
import { config, seed } from './helpers';

/**
 * clockDueAt against tick itself over case files the simulator produces: a county (fixed seed, a
 * sixth of the usual volume so the run stays quick) simulated for five weeks, its files taken at
 * the end of every other day (what the midnight clock reads), plus files ticked at random instants
 * (warnings skipped by a late tick), cases awaiting consent and cases imported from history.
 */
const SEED = 20240611;
const DAYS = 36;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const changedAt = (f: CaseFile, ms: number) => tick(f, { by: 'clock', now: new Date(ms), config }).changed;
const label = (r: ClockRule) => ('kind' in r ? `${r.rule}:${r.kind}` : r.rule);

/** Every instant a file names, and each shifted by the clock's offsets (warning hours, follow-up grace) ± 1 ms: where a rule could start. */
function probes(f: CaseFile): number[] {
  const named = [...JSON.stringify(f).matchAll(/"(\d{4}-\d\d-\d\dT[^"]+Z)"/g)].map((m) => Date.parse(m[1]!));
  const hours = [0, ...new Set(Object.values(config.warningHoursBefore).flat())];
  const out = new Set<number>();
  for (const x of new Set(named)) {
    for (const g of [0, config.followUpGraceDays, config.consentWaitDays, config.termDays]) {
      for (const h of hours) for (const e of [-1, 0, 1]) out.add(x + g * DAY - h * HOUR + e);
    }
  }
  return [...out];
}

function snapshotsFrom(files: readonly CaseFile[], seen: Set<string>, into: CaseFile[]): void {
  for (const f of files) {
    const key = `${f.caseId}#${f.version}#${f.raised.length}`;
    if (seen.has(key)) continue;
    seen.add(key);
    into.push(structuredClone(f));
  }
}

/** Files the simulator never makes: referrals awaiting consent, imports from history (some past their term). */
function madeFiles(rng: Rng): CaseFile[] {
  const out: CaseFile[] = [];
  for (let i = 0; i < 40; i++) {
    const referredAt = new Date(Date.parse('2024-03-04T00:00:00.000Z') + rng.int(0, 40 * DAY)).toISOString();
    out.push(openCaseFile(seed({ id: `consent-${i}`, referredAt, status: 'awaiting_consent' }), config));
    const importedAt = new Date(Date.parse(referredAt) + rng.int(0, 60 * DAY)).toISOString();
    const backfill = { importedAt, overdueAtImport: false };
    out.push(settleClockAtImport(openCaseFile(seed({ id: `import-${i}`, referredAt, backfill, class: 'professional' }), config), config));
  }
  return out;
}

let files: CaseFile[] = [];

beforeAll(async () => {
  const base = generateCounty({ seed: SEED });
  const county = { ...base, params: { ...base.params, annualDisputes: base.params.annualDisputes / 6 } };
  const seen = new Set<string>();
  const simulated: CaseFile[] = [];
  await simulateLifecycle({ county, days: DAYS, onDay: (d, _n, day) => d % 2 === 1 && snapshotsFrom(day, seen, simulated) });
  // A late or early tick leaves raised keys no midnight run would: warnings skipped past their deadline.
  const rng = new Rng(SEED).fork('clock-due');
  const ticked = simulated
    .filter(() => rng.bernoulli(0.3))
    .map((f) => tick(f, { by: 'clock', now: new Date(Date.parse(f.referredAt) + rng.int(0, 120 * DAY)), config }))
    .filter((o) => o.changed)
    .map((o) => o.file);
  files = [...simulated, ...ticked, ...madeFiles(rng)];
});

describe('clockDueAt over simulated case files', () => {
  it('when ticked 1 ms before the due instant, nothing changes; at it, the file changes (no tightness miss by any rule)', () => {
    const dueBy = new Map<string, number>();
    const unsafe: string[] = [];
    const misses = new Map<string, number>();
    let never = 0;
    for (const f of files) {
      const due = clockDue(f, config);
      if (!due) {
        never++;
        // Nothing due: not even ten years on (every other instant: the sampled test below).
        if (changedAt(f, Date.parse(f.referredAt) + 3650 * DAY)) unsafe.push(`${f.caseId} (never due)`);
        continue;
      }
      const rule = label(due.by);
      dueBy.set(rule, (dueBy.get(rule) ?? 0) + 1);
      if (changedAt(f, due.at.getTime() - 1)) unsafe.push(`${f.caseId} (${rule})`);
      if (!changedAt(f, due.at.getTime())) misses.set(rule, (misses.get(rule) ?? 0) + 1);
    }
    expect(unsafe).toEqual([]);
    expect(Object.fromEntries(misses)).toEqual({});
    // The inputs reach every rule, so the test cannot pass on trivial files.
    expect(files.length).toBeGreaterThan(1000);
    expect(never).toBeGreaterThan(50);
    const rules = ['warning:term', 'warning:firstSession', 'warning:fulfilment', 'warning:confirmation', 'warning:followUp'];
    rules.push('overdue:firstSession', 'overdue:followUp', 'follow_up_due', 'consent_wait');
    expect(rules.filter((r) => !dueBy.has(r))).toEqual([]);
  });

  it('when ticked at any instant before the due instant (where a rule could start, or anywhere), nothing changes', () => {
    const instant = (f: CaseFile) =>
      fc.oneof(
        fc.constantFrom(...probes(f)),
        fc.integer({ min: Date.parse(f.referredAt) - 30 * DAY, max: Date.parse(f.referredAt) + 400 * DAY }),
      );
    const fileAndTime = fc.integer({ min: 0, max: files.length - 1 }).chain((i) => fc.tuple(fc.constant(files[i]!), instant(files[i]!)));
    fc.assert(
      fc.property(fileAndTime, ([f, t]) => {
        const due = clockDueAt(f, config);
        if (due === null || t < due.getTime()) return !changedAt(f, t);
        return true;
      }),
      { numRuns: 4000, seed: SEED },
    );
  });

  it('when counted from a given instant (notBefore), the due instant is the first from there: nothing changes between, the file changes at it', () => {
    const instant = (f: CaseFile) =>
      fc.oneof(
        fc.constantFrom(...probes(f)),
        fc.integer({ min: Date.parse(f.referredAt) - 30 * DAY, max: Date.parse(f.referredAt) + 400 * DAY }),
      );
    const sample = fc
      .integer({ min: 0, max: files.length - 1 })
      .chain((i) => fc.tuple(fc.constant(files[i]!), instant(files[i]!), instant(files[i]!)));
    fc.assert(
      fc.property(sample, ([f, from, t]) => {
        const due = clockDueAt(f, config, new Date(from));
        if (due !== null && (due.getTime() < from || !changedAt(f, due.getTime()))) return false;
        if (t >= from && (due === null || t < due.getTime())) return !changedAt(f, t);
        return true;
      }),
      { numRuns: 4000, seed: SEED },
    );
  });
});
