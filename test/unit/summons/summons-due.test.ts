import fc from 'fast-check';
import { tickSummons, type SummonsClockSettings } from '../../../src/domain/summons/summons-clock';
import { summonsDueAt } from '../../../src/domain/summons/summons-due';
import type { Summons } from '../../../src/domain/summons/summons';
import { generateCounty } from '../../../src/simulator/county';
import { simulateLifecycle } from '../../../src/simulator/lifecycle-simulation';
import { hoursBefore, REQUIRED_BY, SETTINGS, summons } from './fixtures';

const HOUR = 3_600_000;
const requiredBy = Date.parse(REQUIRED_BY);
const changedAt = (s: Summons, ms: number, settings: SummonsClockSettings = SETTINGS) => tickSummons(s, new Date(ms), settings).changed;

describe('summonsDueAt: when the summons clock next has work on a summons', () => {
  test('when a summons is issued, then it is due at the first reminder, then the second, then at the miss after the grace', () => {
    let s = summons();
    const seen: number[] = [];
    for (let due = summonsDueAt(s, SETTINGS); due !== null; due = summonsDueAt(s, SETTINGS)) {
      expect(changedAt(s, due.getTime() - 1)).toBe(false);
      const out = tickSummons(s, due, SETTINGS);
      expect(out.changed).toBe(true);
      seen.push((due.getTime() - requiredBy) / 60_000);
      s = out.summons;
    }
    expect(seen).toEqual([-24 * 60, -2 * 60, 30]);
    expect(s.status).toBe('missed');
  });

  test('when the 24 h reminder was raised, then the 2 h one is due', () => {
    expect(summonsDueAt(summons({ remindedHours: [24] }), SETTINGS)).toEqual(hoursBefore(2));
  });

  test('when every reminder was raised, then the miss is due at requiredBy plus the grace; with no grace, at requiredBy', () => {
    expect(summonsDueAt(summons({ remindedHours: [24, 2] }), SETTINGS)).toEqual(new Date(requiredBy + 30 * 60_000));
    expect(summonsDueAt(summons({ remindedHours: [24, 2] }), { ...SETTINGS, missGraceMinutes: 0 })).toEqual(new Date(requiredBy));
  });

  test('when a summons is checked in, cancelled or missed, then nothing is ever due', () => {
    for (const status of ['checked_in', 'cancelled', 'missed'] as const) expect(summonsDueAt(summons({ status }), SETTINGS)).toBeNull();
  });

  test('when the clock skipped the reminders (requiredBy passed), then they stay due in the past; from now on, only the miss', () => {
    const s = summons();
    const now = new Date(requiredBy + 10 * 60_000);
    expect(summonsDueAt(s, SETTINGS)).toEqual(hoursBefore(24));
    expect(summonsDueAt(s, SETTINGS, now)).toEqual(new Date(requiredBy + 30 * 60_000));
    expect(changedAt(s, requiredBy + 30 * 60_000 - 1)).toBe(false);
  });
});

describe('summonsDueAt against tickSummons', () => {
  let simulated: Summons[] = [];
  beforeAll(async () => {
    const base = generateCounty({ seed: 20240611 });
    const county = { ...base, params: { ...base.params, annualDisputes: base.params.annualDisputes / 6 } };
    simulated = [...(await simulateLifecycle({ county, days: 14 })).summonses];
  });

  const settingsArb: fc.Arbitrary<SummonsClockSettings> = fc.record({
    reminderHoursBefore: fc.array(fc.integer({ min: 1, max: 720 }), { maxLength: 10 }),
    missGraceMinutes: fc.integer({ min: 0, max: 1440 }),
  });

  /** A simulated summons, reopened or not, with some of the settings' reminders already raised. */
  const summonsArb = (settings: SummonsClockSettings) =>
    fc
      .tuple(
        fc.constantFrom(...simulated),
        fc.constantFrom('keep', 'issued', 'acknowledged'),
        fc.subarray([...new Set(settings.reminderHoursBefore)]),
      )
      .map(([s, status, reminded]): Summons => ({ ...s, ...(status === 'keep' ? {} : { status }), remindedHours: reminded }));

  /** An instant near the summons's requiredBy: at a reminder point or the miss (± 1 ms), or anywhere within a month. */
  const instantArb = (s: Summons, settings: SummonsClockSettings) => {
    const r = Date.parse(s.requiredBy);
    const marks = [r, r + settings.missGraceMinutes * 60_000, ...settings.reminderHoursBefore.map((h) => r - h * HOUR)];
    return fc.oneof(
      fc.tuple(fc.constantFrom(...marks), fc.integer({ min: -1, max: 1 })).map(([m, e]) => m + e),
      fc.integer({ min: r - 31 * 24 * HOUR, max: r + 2 * 24 * HOUR }),
    );
  };

  const sample = settingsArb.chain((settings) =>
    summonsArb(settings).chain((s) => fc.tuple(fc.constant(settings), fc.constant(s), instantArb(s, settings), instantArb(s, settings))),
  );

  test('when the simulator ran two weeks, then it produced summonses to test on', () => {
    expect(simulated.length).toBeGreaterThan(50);
  });

  test('when ticked before the due instant, nothing changes; at it, the summons changes (safe and tight)', () => {
    fc.assert(
      fc.property(sample, ([settings, s, t]) => {
        const due = summonsDueAt(s, settings);
        if (due !== null && (changedAt(s, due.getTime() - 1, settings) || !changedAt(s, due.getTime(), settings))) return false;
        return due !== null && t >= due.getTime() ? true : !changedAt(s, t, settings);
      }),
      { numRuns: 3000, seed: 20240611 },
    );
  });

  test('when counted from a given instant (notBefore), nothing changes between it and the due instant, and the summons changes at it', () => {
    fc.assert(
      fc.property(sample, ([settings, s, from, t]) => {
        const due = summonsDueAt(s, settings, new Date(from));
        if (due !== null && (due.getTime() < from || !changedAt(s, due.getTime(), settings))) return false;
        return t >= from && (due === null || t < due.getTime()) ? !changedAt(s, t, settings) : true;
      }),
      { numRuns: 3000, seed: 20240611 },
    );
  });
});
