import { updateFulfilment, startFulfilment } from '../../../src/domain/lifecycle/fulfilment';
import { config, at, newFile, run, toMediating } from './helpers';

const settled = (mode: 'voluntary' | 'on_the_spot' | 'supervised' | 'enforcement') =>
  run(toMediating(newFile({ channel: 'walk_in' }), ['m1']), [
    [2, { action: 'settle', amountYuan: 100, termsRef: 'a', fulfilmentMode: mode }],
  ]);

describe('fulfilment', () => {
  it('when settled on the spot, then it is fulfilled at once; enforcement starts in enforcement', () => {
    expect(startFulfilment('on_the_spot', at(0).toISOString(), config)).toMatchObject({
      status: 'fulfilled',
      fulfilledAt: at(0).toISOString(),
    });
    expect(startFulfilment('enforcement', at(0).toISOString(), config)).toMatchObject({ status: 'enforcement' });
    expect(startFulfilment('supervised', at(0).toISOString(), config).followUps).toHaveLength(3);
  });

  it('when a party reneges on a voluntary settlement, then it goes to enforcement and cannot be fulfilled after', () => {
    const f = settled('voluntary');
    const r = updateFulfilment(f, { kind: 'reneged' }, at(10));
    if (r.status !== 'ok') throw new Error(r.status);
    expect(r.file.fulfilment).toMatchObject({ status: 'enforcement', mode: 'voluntary', enforcementAt: at(10).toISOString() });
    expect(updateFulfilment(r.file, { kind: 'fulfilled' }, at(11))).toMatchObject({ status: 'rejected', code: 'already_closed' });
  });

  it('when follow-up visits are made, then they are marked in order until none is left', () => {
    let f = settled('voluntary');
    for (let i = 0; i < 2; i++) {
      const r = updateFulfilment(f, { kind: 'follow_up_done' }, at(10 + i));
      if (r.status !== 'ok') throw new Error(r.status);
      f = r.file;
    }
    expect(f.fulfilment!.followUps.every((v) => v.done)).toBe(true);
    expect(updateFulfilment(f, { kind: 'follow_up_done' }, at(20))).toMatchObject({ status: 'rejected', code: 'no_open_follow_up' });
  });

  it('when judicial confirmation is applied for, then only inside the 30-day window', () => {
    const f = settled('voluntary');
    expect(updateFulfilment(f, { kind: 'confirmation_applied' }, at(20))).toMatchObject({ status: 'ok' });
    expect(updateFulfilment(f, { kind: 'confirmation_applied' }, at(33))).toMatchObject({ status: 'rejected', code: 'window_closed' });
  });

  it('when the case is not settled, then fulfilment updates are rejected', () => {
    expect(updateFulfilment(newFile(), { kind: 'fulfilled' }, at(1))).toMatchObject({ status: 'rejected', code: 'not_settled' });
  });
});
