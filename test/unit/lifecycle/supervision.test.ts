import { extendFulfilment, recordFollowUp } from '../../../src/domain/lifecycle/supervision';
import { tick } from '../../../src/domain/lifecycle/clock';
import type { CaseFile } from '../../../src/domain/lifecycle-file';
import { config, at, newFile, run, toMediating } from './helpers';

/** Supervised, settled at day 2: due day 92, follow-ups at days 32, 62, 92. */
const supervised = () =>
  run(toMediating(newFile({ channel: 'walk_in' }), ['m1']), [
    [2, { action: 'settle', amountYuan: 8000, termsRef: 'a', fulfilmentMode: 'supervised' }],
  ]);

function ok(out: ReturnType<typeof extendFulfilment>): CaseFile {
  if (out.status !== 'ok') throw new Error(JSON.stringify(out));
  return out.file;
}

const ext = (dueDay: number, followUpAt?: string[]) => ({
  dueAt: at(dueDay).toISOString(),
  assistance: 'instalments' as const,
  by: 'org-justice-bureau',
  ...(followUpAt ? { followUpAt } : {}),
});

describe('supervised fulfilment', () => {
  it('when an overdue supervised fulfilment is extended, then the period, help and helper are recorded and it is pending again', () => {
    const overdue = tick(supervised(), { by: 'clock', now: at(93), config }).file;
    expect(overdue.fulfilment?.status).toBe('overdue');
    const out = extendFulfilment(overdue, ext(160, [at(120).toISOString(), at(150).toISOString()]), at(94), config);
    const f = ok(out);
    expect(f.fulfilment).toMatchObject({
      status: 'pending',
      dueAt: at(160).toISOString(),
      extensions: [
        {
          at: at(94).toISOString(),
          previousDueAt: at(92).toISOString(),
          dueAt: at(160).toISOString(),
          assistance: 'instalments',
          by: 'org-justice-bureau',
        },
      ],
    });
    expect(f.fulfilment?.followUps.slice(-2)).toEqual([
      { at: at(120).toISOString(), done: false },
      { at: at(150).toISOString(), done: false },
    ]);
    expect(out.status === 'ok' && out.events[0]).toMatchObject({ type: 'fulfilment.extended', dueAt: at(160).toISOString() });
  });

  it('when no visits are given, then the supervised follow-up days from the extension and the new due date are planned', () => {
    const f = ok(extendFulfilment(supervised(), ext(150), at(80), config));
    expect(f.fulfilment?.followUps.slice(3).map((v) => v.at)).toEqual([
      at(110).toISOString(),
      at(140).toISOString(),
      at(150).toISOString(),
    ]);
  });

  it('when the new due date is not later than the current one, or a visit lies outside the period, then it is invalid naming the field', () => {
    expect(extendFulfilment(supervised(), ext(90), at(80), config)).toMatchObject({ status: 'invalid', field: 'body.dueAt' });
    expect(extendFulfilment(supervised(), ext(150, [at(151).toISOString()]), at(80), config)).toMatchObject({
      status: 'invalid',
      field: 'body.followUpAt',
    });
  });

  it('when a follow-up is missed, then it is recorded, a second record is refused, and an unrecorded one is flagged overdue by the clock', () => {
    const f = supervised();
    const missed = recordFollowUp(f, 1, { outcome: 'missed' }, at(33));
    const m = ok(missed);
    expect(m.fulfilment?.followUps[0]).toEqual({ at: at(32).toISOString(), done: false, missed: true, recordedAt: at(33).toISOString() });
    expect(missed.status === 'ok' && missed.events[0]).toMatchObject({ type: 'fulfilment.follow_up_recorded', outcome: 'missed' });
    expect(recordFollowUp(m, 1, { outcome: 'done' }, at(34))).toMatchObject({ status: 'rejected', code: 'follow_up_recorded' });
    expect(recordFollowUp(m, 9, { outcome: 'done' }, at(34))).toMatchObject({ status: 'invalid', field: 'params.n' });

    // Visit 2 (day 62) is not recorded: warned a day before its 3 grace days end, overdue at day 65.
    const warned = tick(m, { by: 'clock', now: at(64, 1), config });
    expect(warned.events).toContainEqual(
      expect.objectContaining({ type: 'case.deadline_warning', kind: 'followUp', deadlineAt: at(65).toISOString() }),
    );
    const late = tick(warned.file, { by: 'clock', now: at(65, 1), config });
    expect(late.events).toContainEqual(
      expect.objectContaining({ type: 'case.deadline_overdue', kind: 'followUp', deadlineAt: at(65).toISOString() }),
    );
    // The missed visit 1 raised no overdue flag: it was recorded.
    expect(late.file.raised.some((k) => k.startsWith(`followUp:${at(35).toISOString()}`))).toBe(false);
  });

  it('when a follow-up is done in time, then no overdue flag is raised for it', () => {
    const f = ok(recordFollowUp(supervised(), 1, { outcome: 'done' }, at(32)));
    const out = tick(f, { by: 'clock', now: at(36), config });
    expect(out.events.filter((e) => e.type === 'case.deadline_overdue' && e.kind === 'followUp')).toEqual([]);
  });
});
