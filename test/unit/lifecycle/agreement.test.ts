import { actOnAgreement } from '../../../src/domain/lifecycle/agreement';
import { allowedAgreementActions } from '../../../src/domain/lifecycle/agreement-machine';
import { liveDeadlines, tick } from '../../../src/domain/lifecycle/clock';
import type { CaseFile } from '../../../src/domain/lifecycle-file';
import { config, at, newFile, run, toMediating } from './helpers';

/** Settled at day 2 (hour 0 of T0 + 2 days). */
const settled = () =>
  run(toMediating(newFile({ channel: 'walk_in' }), ['m1']), [
    [2, { action: 'settle', amountYuan: 5000, termsRef: 'a', fulfilmentMode: 'voluntary' }],
  ]);

function ok(out: ReturnType<typeof actOnAgreement>): CaseFile {
  if (out.status !== 'ok') throw new Error(JSON.stringify(out));
  return out.file;
}

const apply = (f: CaseFile, day: number, route: 'judicial_confirmation' | 'arbitration' | 'notarisation' = 'judicial_confirmation') =>
  actOnAgreement(f, { action: 'apply', route }, { now: at(day), config });

describe('after the agreement: routes', () => {
  it('when judicial confirmation is applied for on day 31 after the agreement, then it is refused with the reason', () => {
    const out = apply(settled(), 2 + 31);
    expect(out).toMatchObject({ status: 'rejected', code: 'window_closed' });
    expect(out.status === 'rejected' && out.message).toMatch(/within 30 days .* on day 31/);
    expect(apply(settled(), 2 + 30)).toMatchObject({ status: 'ok' });
  });

  it('when arbitration is applied for after the 30 days, then it is accepted (the window is judicial confirmation’s)', () => {
    expect(apply(settled(), 2 + 40, 'arbitration')).toMatchObject({ status: 'ok' });
  });

  it('when applied for, then the route is recorded with the acceptance due 3 days later and an event', () => {
    const out = apply(settled(), 5);
    const f = ok(out);
    expect(f.settlement?.routes).toEqual([
      { kind: 'judicial_confirmation', status: 'applied', appliedAt: at(5).toISOString(), acceptanceDueAt: at(8).toISOString() },
    ]);
    expect(f.settlement?.confirmationAppliedAt).toBe(at(5).toISOString());
    expect(out.status === 'ok' && out.events).toEqual([
      { type: 'agreement.applied', caseId: 'case-1', at: at(5).toISOString(), route: 'judicial_confirmation' },
    ]);
    expect(allowedAgreementActions(f)).toEqual(['accept', 'not_accept']);
  });

  it('when a route is active, then another application is illegal with the allowed actions', () => {
    const f = ok(apply(settled(), 5));
    expect(apply(f, 6, 'notarisation')).toEqual({
      status: 'illegal',
      action: 'apply',
      current: 'judicial_confirmation:applied',
      allowed: ['accept', 'not_accept'],
    });
  });

  it('when the court rules before accepting, then the ruling is illegal; after acceptance it is recorded with its date', () => {
    const f = ok(apply(settled(), 5));
    expect(actOnAgreement(f, { action: 'confirm' }, { now: at(6), config })).toMatchObject({
      status: 'illegal',
      allowed: ['accept', 'not_accept'],
    });
    const accepted = ok(actOnAgreement(f, { action: 'accept' }, { now: at(6), config }));
    const out = actOnAgreement(accepted, { action: 'confirm', at: at(14).toISOString() }, { now: at(15), config });
    const confirmed = ok(out);
    expect(confirmed.settlement?.routes?.[0]).toMatchObject({
      status: 'confirmed',
      acceptanceDecidedAt: at(6).toISOString(),
      decidedAt: at(14).toISOString(),
    });
    expect(out.status === 'ok' && out.events[0]).toMatchObject({ type: 'agreement.confirmed', routeStatus: 'confirmed' });
    // An enforceable agreement takes no further route.
    expect(allowedAgreementActions(confirmed)).toEqual([]);
  });

  it('when a decision is dated before the application, then it is invalid naming body.at', () => {
    const f = ok(apply(settled(), 5));
    expect(actOnAgreement(f, { action: 'accept', at: at(4).toISOString() }, { now: at(6), config })).toMatchObject({
      status: 'invalid',
      field: 'body.at',
    });
  });

  it('when the court does not accept, then another route may be applied for', () => {
    const f = ok(actOnAgreement(ok(apply(settled(), 5)), { action: 'not_accept' }, { now: at(7), config }));
    expect(f.settlement?.routes?.[0]?.status).toBe('not_accepted');
    expect(allowedAgreementActions(f)).toEqual(['apply']);
    expect(ok(apply(f, 10, 'notarisation')).settlement?.routes).toHaveLength(2);
  });

  it('when the fulfilment is closed, then no route may be applied for', () => {
    const f = run(toMediating(newFile({ channel: 'walk_in' }), ['m1']), [
      [2, { action: 'settle', amountYuan: 5000, termsRef: 'a', fulfilmentMode: 'on_the_spot' }],
    ]);
    expect(apply(f, 3)).toMatchObject({ status: 'illegal', current: 'fulfilment:fulfilled', allowed: [] });
  });

  it('when the agreement was fulfilled on the spot, then the clock watches no confirmation window (nothing is left to confirm)', () => {
    const f = run(toMediating(newFile({ channel: 'walk_in' }), ['m1']), [
      [2, { action: 'settle', amountYuan: 5000, termsRef: 'a', fulfilmentMode: 'on_the_spot' }],
    ]);
    expect(liveDeadlines(f).filter((d) => d.kind === 'confirmation')).toEqual([]);
    expect(liveDeadlines(settled()).filter((d) => d.kind === 'confirmation')).toEqual([{ kind: 'confirmation', at: at(32).toISOString() }]);
  });

  it('when the court’s acceptance decision is late, then the clock warns before and flags it overdue once', () => {
    const f = ok(apply(settled(), 5)); // acceptance due day 8
    const warned = tick(f, { by: 'clock', now: at(7, 1), config });
    expect(warned.events).toContainEqual(
      expect.objectContaining({
        type: 'case.deadline_warning',
        kind: 'confirmationAcceptance',
        deadlineAt: at(8).toISOString(),
        hoursBefore: 24,
      }),
    );
    const late = tick(warned.file, { by: 'clock', now: at(8, 1), config });
    expect(late.events).toContainEqual(
      expect.objectContaining({ type: 'case.deadline_overdue', kind: 'confirmationAcceptance', deadlineAt: at(8).toISOString() }),
    );
    expect(tick(late.file, { by: 'clock', now: at(8, 2), config }).events.filter((e) => e.type === 'case.deadline_overdue')).toEqual([]);
  });

  it('when the acceptance is decided in time, then no acceptance deadline is left', () => {
    const f = ok(actOnAgreement(ok(apply(settled(), 5)), { action: 'accept' }, { now: at(6), config }));
    const out = tick(f, { by: 'clock', now: at(9), config });
    expect(out.events.filter((e) => 'kind' in e && e.kind === 'confirmationAcceptance')).toEqual([]);
  });
});
