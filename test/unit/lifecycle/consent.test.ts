import { deadlineAfterConsent } from '../../../src/domain/consent';
import { liveDeadlines, tick } from '../../../src/domain/lifecycle/clock';
import { act } from '../../../src/domain/lifecycle/transitions';
import { addDays } from '../../../src/domain/time';
import { at, config, newFile, T0 } from './helpers';

const awaiting = () => newFile({ status: 'awaiting_consent' });

describe('consent (issue 16 item 3)', () => {
  it('when a court referral without consent opens, then it awaits consent with no legal clock running', () => {
    const f = awaiting();
    expect(f.status).toBe('awaiting_consent');
    expect(f.termEndsAt).toBeNull();
    expect(liveDeadlines(f)).toEqual([]);
  });

  it('when consent is given on day 3, then the case waits for dispatch and its term and first-session target run from day 3', () => {
    const out = act(
      awaiting(),
      { action: 'record_consent', given: true, by: 'court', method: 'written' },
      { by: 'court@x', now: at(3), config },
    );
    expect(out.status).toBe('ok');
    if (out.status !== 'ok') return;
    const consentAt = at(3).toISOString();
    expect(out.file.status).toBe('referred');
    expect(out.file.termEndsAt).toBe(addDays(consentAt, config.termDays));
    expect(out.file.attempts[0]).toMatchObject({
      startedAt: consentAt,
      firstSessionTargetAt: addDays(consentAt, config.firstSessionTargetDays.ordinary),
    });
    expect(out.file.consent).toEqual({ given: true, by: 'court', method: 'written', at: consentAt });
    expect(out.file.history.at(-1)).toMatchObject({ from: 'awaiting_consent', to: 'referred', action: 'record_consent', by: 'court@x' });
    expect(out.events.map((e) => e.type)).toEqual(['case.transition', 'consent.recorded']);
  });

  it('when consent is refused, then the case returns to court with the reason', () => {
    const out = act(
      awaiting(),
      { action: 'record_consent', given: false, by: 'dispatcher', reason: 'respondent refuses' },
      { by: 'd@x', now: at(1), config },
    );
    expect(out.status).toBe('ok');
    if (out.status !== 'ok') return;
    expect(out.file.status).toBe('returned_to_court');
    expect(out.file.consent).toMatchObject({ given: false, by: 'dispatcher', reason: 'respondent refuses' });
    expect(out.file.history.at(-1)).toMatchObject({ action: 'return_to_court', reason: 'consent_refused: respondent refuses' });
    const returned = out.events.find((e) => e.type === 'case.returned_to_court');
    expect(returned).toMatchObject({ reason: 'consent_refused: respondent refuses' });
    expect(out.events.find((e) => e.type === 'consent.recorded')).toMatchObject({ given: false, consentBy: 'dispatcher' });
  });

  it('when an answer comes for a case not awaiting consent, then it is illegal (consent given or refused alike)', () => {
    for (const given of [true, false]) {
      const out = act(newFile(), { action: 'record_consent', given, by: 'court' }, { by: 'c', now: at(1), config });
      expect(out).toMatchObject({ status: 'illegal', from: 'referred', action: 'record_consent' });
    }
  });

  it('when the clock runs before the consent wait is over, then nothing happens; once over, the case returns to court with consent_timeout', () => {
    const f = awaiting();
    const early = tick(f, { by: 'clock', now: at(config.consentWaitDays, -1), config });
    expect(early.changed).toBe(false);
    const late = tick(f, { by: 'clock', now: at(config.consentWaitDays), config });
    expect(late.file.status).toBe('returned_to_court');
    expect(late.file.history.at(-1)).toMatchObject({
      action: 'return_to_court',
      by: 'clock',
      reason: expect.stringMatching(/^consent_timeout/),
    });
    expect(late.events.find((e) => e.type === 'case.returned_to_court')).toMatchObject({
      reason: expect.stringMatching(/^consent_timeout/),
    });
    expect(tick(late.file, { by: 'clock', now: at(30), config }).changed).toBe(false);
  });

  it('when a case awaiting consent was imported from history after its wait, then the wait runs from the import, not the referral', () => {
    const imported = at(40).toISOString();
    const f = { ...awaiting(), backfill: { importedAt: imported } };
    expect(tick(f, { by: 'clock', now: at(41), config }).changed).toBe(false);
    const late = tick(f, { by: 'clock', now: at(40 + config.consentWaitDays), config });
    expect(late.file.status).toBe('returned_to_court');
  });

  it('when a consented case is ticked long after referral, then its term counts from consent, not referral', () => {
    const out = act(awaiting(), { action: 'record_consent', given: true, by: 'court' }, { by: 'c', now: at(5), config });
    if (out.status !== 'ok') throw new Error('consent refused');
    // Day 31 is past a term counted from referral (day 30) but within one counted from consent (day 35).
    expect(tick(out.file, { by: 'clock', now: at(31), config }).file.status).toBe('referred');
    expect(tick(out.file, { by: 'clock', now: at(35), config }).file.status).toBe('returned_to_court');
  });

  it('when the dispatch deadline moves with consent, then it moves by the days waited (never back)', () => {
    expect(deadlineAfterConsent(addDays(T0, 10), T0, at(3).toISOString())).toBe(addDays(T0, 13));
    expect(deadlineAfterConsent(addDays(T0, 10), T0, at(-1).toISOString())).toBe(addDays(T0, 10));
  });
});
