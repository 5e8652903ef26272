import { updateFulfilment, startFulfilment, renege } from '../../../src/domain/lifecycle/fulfilment';
import { actOnAgreement } from '../../../src/domain/lifecycle/agreement';
import type { AgreementCommand } from '../../../src/domain/agreement';
import type { CaseFile } from '../../../src/domain/lifecycle-file';
import { LifecycleCommandSchema } from '../../../src/domain/lifecycle-command';
import { archivedRecord, closedAt } from '../../../src/domain/lifecycle/archive';
import { config, at, newFile, run, toMediating } from './helpers';

const settled = (mode: 'voluntary' | 'on_the_spot' | 'supervised') =>
  run(toMediating(newFile({ channel: 'walk_in' }), ['m1']), [
    [2, { action: 'settle', amountYuan: 100, termsRef: 'a', fulfilmentMode: mode }],
  ]);

function ok(out: ReturnType<typeof renege>): CaseFile {
  if (out.status !== 'ok') throw new Error(JSON.stringify(out));
  return out.file;
}

/** Applies agreement commands in order at the given day offsets. */
function route(file: CaseFile, steps: readonly [number, AgreementCommand][]): CaseFile {
  return steps.reduce((f, [day, cmd]) => ok(actOnAgreement(f, cmd, { now: at(day), config })), file);
}

const phone = { notice: { channel: 'phone' as const } };

describe('fulfilment', () => {
  it('when settled on the spot, then it is fulfilled at once; supervised plans three follow-ups', () => {
    expect(startFulfilment('on_the_spot', at(0).toISOString(), config)).toMatchObject({
      status: 'fulfilled',
      fulfilledAt: at(0).toISOString(),
    });
    expect(startFulfilment('supervised', at(0).toISOString(), config).followUps).toHaveLength(3);
  });

  it('when a settlement names compulsory enforcement as its mode, then the command is invalid (enforcement is an outcome)', () => {
    const r = LifecycleCommandSchema.safeParse({ action: 'settle', amountYuan: 1, termsRef: 'a', fulfilmentMode: 'enforcement' });
    expect(r.success).toBe(false);
  });

  it('when a party reneges on an unconfirmed agreement, then it goes back to litigation with the notice recorded, and cannot be fulfilled after', () => {
    const f = ok(renege(settled('voluntary'), { notice: { channel: 'letter', at: at(9).toISOString() } }, at(10)));
    expect(f.fulfilment).toMatchObject({
      status: 'litigation',
      mode: 'voluntary',
      litigationAt: at(10).toISOString(),
      renegedAt: at(10).toISOString(),
      notice: { channel: 'letter', at: at(9).toISOString() },
    });
    expect(f.fulfilment?.enforcementAt).toBeUndefined();
    expect(updateFulfilment(f, { kind: 'fulfilled' }, at(11), config)).toMatchObject({ status: 'rejected', code: 'already_closed' });
  });

  it('when the renege of an unconfirmed agreement has no notice, then it is invalid naming body.notice', () => {
    expect(renege(settled('voluntary'), {}, at(10))).toMatchObject({ status: 'invalid', field: 'body.notice' });
    expect(updateFulfilment(settled('voluntary'), { kind: 'reneged' }, at(10), config)).toMatchObject({
      status: 'invalid',
      field: 'body.notice',
    });
  });

  it('when a party reneges on a confirmed agreement, then it goes to compulsory enforcement on the judicial confirmation', () => {
    const confirmed = route(settled('voluntary'), [
      [5, { action: 'apply', route: 'judicial_confirmation' }],
      [6, { action: 'accept' }],
      [12, { action: 'confirm' }],
    ]);
    const out = renege(confirmed, phone, at(40));
    const f = ok(out);
    expect(f.fulfilment).toMatchObject({
      status: 'enforcement',
      enforcementAt: at(40).toISOString(),
      enforcementBasis: 'judicial_confirmation',
    });
    expect(out.status === 'ok' && out.events).toEqual([
      { type: 'fulfilment.enforcement', caseId: 'case-1', at: at(40).toISOString(), basis: 'judicial_confirmation' },
    ]);
  });

  it('when an arbitral award or a notarised deed was given, then a renege goes to enforcement on it', () => {
    const awarded = route(settled('voluntary'), [
      [5, { action: 'apply', route: 'arbitration' }],
      [20, { action: 'award' }],
    ]);
    expect(ok(renege(awarded, {}, at(40))).fulfilment).toMatchObject({ status: 'enforcement', enforcementBasis: 'arbitral_award' });
    const deed = route(settled('voluntary'), [
      [5, { action: 'apply', route: 'notarisation' }],
      [8, { action: 'notarise' }],
    ]);
    expect(ok(renege(deed, {}, at(40))).fulfilment).toMatchObject({ status: 'enforcement', enforcementBasis: 'notarised_deed' });
  });

  it('when a rejected confirmation then enforcement is refused, and the renege goes to litigation', () => {
    const rejected = route(settled('voluntary'), [
      [5, { action: 'apply', route: 'judicial_confirmation' }],
      [6, { action: 'accept' }],
      [12, { action: 'reject' }],
    ]);
    const refused = renege(rejected, { ...phone, enforce: true }, at(40));
    expect(refused).toMatchObject({ status: 'rejected', code: 'not_enforceable' });
    expect(refused.status === 'rejected' && refused.message).toMatch(/judicial confirmation ended rejected on .*can only be sued/);
    expect(ok(renege(rejected, phone, at(40))).fulfilment).toMatchObject({ status: 'litigation', notice: { channel: 'phone' } });
  });

  it('when a confirmation is still waiting for the court, then a renege is refused until it is decided', () => {
    const applied = route(settled('voluntary'), [[5, { action: 'apply', route: 'judicial_confirmation' }]]);
    expect(renege(applied, phone, at(7))).toMatchObject({ status: 'rejected', code: 'route_pending' });
  });

  it('when follow-up visits are made, then they are marked in order until none is left', () => {
    let f = settled('voluntary');
    for (let i = 0; i < 2; i++) {
      const r = updateFulfilment(f, { kind: 'follow_up_done' }, at(10 + i), config);
      f = ok(r);
    }
    expect(f.fulfilment!.followUps.every((v) => v.done)).toBe(true);
    expect(updateFulfilment(f, { kind: 'follow_up_done' }, at(20), config)).toMatchObject({
      status: 'rejected',
      code: 'no_open_follow_up',
    });
  });

  it('when judicial confirmation is applied for through the older route, then only inside the 30-day window', () => {
    const f = settled('voluntary');
    expect(updateFulfilment(f, { kind: 'confirmation_applied' }, at(20), config)).toMatchObject({ status: 'ok' });
    expect(updateFulfilment(f, { kind: 'confirmation_applied' }, at(33), config)).toMatchObject({
      status: 'rejected',
      code: 'window_closed',
    });
  });

  it('when the case is not settled, then fulfilment updates are rejected', () => {
    expect(updateFulfilment(newFile(), { kind: 'fulfilled' }, at(1), config)).toMatchObject({ status: 'rejected', code: 'not_settled' });
  });
});

describe('retention after a renege', () => {
  it('when an unconfirmed agreement went back to litigation, then the case is closed at that moment and its record keeps the date', () => {
    const f = ok(renege(settled('voluntary'), phone, at(40)));
    expect(closedAt(f)).toBe(at(40).toISOString());
    expect(archivedRecord(f, at(400)).fulfilment).toMatchObject({ status: 'litigation', litigationAt: at(40).toISOString() });
  });
});
