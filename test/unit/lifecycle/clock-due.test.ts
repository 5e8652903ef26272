import { actOnAgreement } from '../../../src/domain/lifecycle/agreement';
import { settleClockAtImport } from '../../../src/domain/lifecycle/backfill';
import { tick } from '../../../src/domain/lifecycle/clock';
import { clockDue, clockDueAt, type ClockRule } from '../../../src/domain/lifecycle/clock-due';
import type { CaseFile } from '../../../src/domain/lifecycle-file';
import { config, at, newFile, run, toMediating, T0 } from './helpers';

const HOUR = 3_600_000;
const changedAt = (f: CaseFile, ms: number) => tick(f, { by: 'clock', now: new Date(ms), config }).changed;

/** Asserts the due instant is exact (nothing 1 ms before, a change at it) and returns the file after the tick at it. */
function tickAtDue(f: CaseFile): { readonly file: CaseFile; readonly at: Date; readonly by: ClockRule } {
  const due = clockDue(f, config);
  if (!due) throw new Error('no due instant');
  const ms = due.at.getTime();
  expect(changedAt(f, ms - 1)).toBe(false);
  const out = tick(f, { by: 'clock', now: due.at, config });
  expect(out.changed).toBe(true);
  return { file: out.file, at: due.at, by: due.by };
}

/** Ticks at each due instant in turn until none is left; the rules and days (from T0) on the way. */
function walk(f: CaseFile, limit = 30): string[] {
  const seen: string[] = [];
  let file = f;
  for (let i = 0; i < limit && clockDueAt(file, config) !== null; i++) {
    const step = tickAtDue(file);
    const day = (step.at.getTime() - Date.parse(T0)) / 86_400_000;
    seen.push(
      `${step.by.rule}${'kind' in step.by ? `:${step.by.kind}` : ''}${'hoursBefore' in step.by ? `:${step.by.hoursBefore}h` : ''}@${day}`,
    );
    file = step.file;
  }
  return seen;
}

describe('clockDueAt: when the legal clock next has work on a case', () => {
  it('when a walk-in case waits for its first session, then the clock is due at the 24 h warning, then at the target', () => {
    const f = run(newFile({ channel: 'walk_in' }), [[0, { action: 'assign', mediatorIds: ['m1'] }]]);
    expect(clockDue(f, config)).toEqual({
      at: new Date(at(3).getTime() - 24 * HOUR),
      by: { rule: 'warning', kind: 'firstSession', hoursBefore: 24 },
    });
    expect(walk(f)).toEqual(['warning:firstSession:24h@2', 'overdue:firstSession@3']);
  });

  it('when a court case is mediated, then the term warnings come one by one and the term end returns it to court', () => {
    const f = toMediating(newFile({ channel: 'court' }), ['m1'], 0);
    expect(walk(f)).toEqual(['warning:term:168h@23', 'warning:term:72h@27', 'warning:term:24h@29', 'overdue:term@30']);
  });

  it('when the term is due, then the tick at the instant returns the case to court and nothing is due after', () => {
    let f = toMediating(newFile({ channel: 'court' }), ['m1'], 0);
    f = tick(f, { by: 'clock', now: at(29, 12), config }).file;
    const step = tickAtDue(f);
    expect(step.at).toEqual(at(30));
    expect(step.file.status).toBe('returned_to_court');
    expect(clockDueAt(step.file, config)).toBeNull();
  });

  it('when an agreement is made, then follow-ups, the confirmation window and fulfilment are each due in turn until nothing is left', () => {
    const f = run(toMediating(newFile({ channel: 'walk_in' }), ['m1']), [
      [2, { action: 'settle', amountYuan: 500, termsRef: 'a', fulfilmentMode: 'own_accord' }],
    ]);
    // own_accord: one visit at 15 days (announced, then its 3 grace days watched), fulfilment and the confirmation window at 30 days.
    expect(walk(f)).toEqual([
      'follow_up_due@17',
      'warning:followUp:24h@19',
      'overdue:followUp@20',
      'warning:confirmation:168h@25',
      'warning:fulfilment:72h@29',
      // The confirmation window ends at the same instant: that one tick raises both.
      'overdue:fulfilment@32',
    ]);
  });

  it('when judicial confirmation is applied for, then the court’s acceptance decision is due and the window no longer is', () => {
    const settled = run(toMediating(newFile({ channel: 'walk_in' }), ['m1']), [
      [2, { action: 'settle', amountYuan: 500, termsRef: 'a', fulfilmentMode: 'supervised' }],
    ]);
    const applied = actOnAgreement(settled, { action: 'apply', route: 'judicial_confirmation' }, { now: at(5), config });
    if (applied.status !== 'ok') throw new Error(JSON.stringify(applied));
    expect(clockDue(applied.file, config)).toEqual({ at: at(7), by: { rule: 'warning', kind: 'confirmationAcceptance', hoursBefore: 24 } });
    expect(walk(applied.file).slice(0, 2)).toEqual(['warning:confirmationAcceptance:24h@7', 'overdue:confirmationAcceptance@8']);
  });

  it('when a visit is recorded done, then it is no longer due', () => {
    const f = run(toMediating(newFile({ channel: 'walk_in' }), ['m1']), [
      [2, { action: 'settle', amountYuan: 500, termsRef: 'a', fulfilmentMode: 'own_accord' }],
    ]);
    const done: CaseFile = {
      ...f,
      fulfilment: { ...f.fulfilment!, followUps: f.fulfilment!.followUps.map((v) => ({ ...v, done: true })) },
    };
    expect(clockDue(done, config)).toEqual({ at: at(25), by: { rule: 'warning', kind: 'confirmation', hoursBefore: 168 } });
  });

  it('when a court referral awaits consent, then the clock is due when the wait ends, and returns it to court then', () => {
    const f = newFile({ status: 'awaiting_consent' });
    expect(clockDue(f, config)).toEqual({ at: at(7), by: { rule: 'consent_wait' } });
    const step = tickAtDue(f);
    expect(step.file.status).toBe('returned_to_court');
    expect(clockDueAt(step.file, config)).toBeNull();
  });

  it('when a case is closed with nothing pending, then nothing is ever due', () => {
    const withdrawn = run(newFile({ channel: 'court' }), [[1, { action: 'withdraw', reason: 'parties agreed' }]]);
    expect(clockDueAt(withdrawn, config)).toBeNull();
    expect(changedAt(withdrawn, at(400).getTime())).toBe(false);
    const fulfilled = run(toMediating(newFile({ channel: 'walk_in' }), ['m1']), [
      [2, { action: 'settle', amountYuan: 0, termsRef: 'a', fulfilmentMode: 'on_the_spot' }],
    ]);
    // On the spot: fulfilled at once, no visits; only the confirmation window stays open... until fulfilment closed it.
    expect(clockDueAt(fulfilled, config)).toBeNull();
  });

  it('when a case was imported after its deadlines had passed, then the skipped warnings stay due in the past; from the import on, nothing is', () => {
    const imported = '2026-04-20T00:00:00.000Z'; // 49 days after T0: the term and the first-session target ran out before
    const f = settleClockAtImport(newFile({ channel: 'court', backfill: { importedAt: imported, overdueAtImport: true } }), config);
    const due = clockDue(f, config);
    expect(due).toEqual({ at: new Date(at(3).getTime() - 24 * HOUR), by: { rule: 'warning', kind: 'firstSession', hoursBefore: 24 } });
    expect(changedAt(f, due!.at.getTime())).toBe(true); // exact: a tick back then would warn
    expect(clockDueAt(f, config, new Date(imported))).toBeNull();
    expect(changedAt(f, at(400).getTime())).toBe(false);
  });

  it('when notBefore falls inside a warning span, then the due instant is notBefore itself', () => {
    const f = newFile({ channel: 'walk_in' });
    const inside = new Date(at(2).getTime() + 5 * HOUR);
    expect(clockDueAt(f, config, inside)).toEqual(inside);
    expect(changedAt(f, inside.getTime())).toBe(true);
  });

  it('when a warning point is a fraction of an hour, then the due instant is the first whole millisecond the tick reaches', () => {
    const odd = { ...config, warningHoursBefore: { ...config.warningHoursBefore, firstSession: [1 / 7] } };
    const f = newFile({ channel: 'walk_in' });
    const due = clockDueAt(f, odd)!;
    expect(Number.isInteger(due.getTime())).toBe(true);
    expect(tick(f, { by: 'clock', now: new Date(due.getTime() - 1), config: odd }).changed).toBe(false);
    expect(tick(f, { by: 'clock', now: due, config: odd }).changed).toBe(true);
  });
});
