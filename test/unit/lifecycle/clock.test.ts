import { tick } from '../../../src/domain/lifecycle/clock';
import type { CaseFile } from '../../../src/domain/lifecycle-file';
import { config, at, newFile, run, toMediating } from './helpers';

function tickAt(f: CaseFile, day: number, hours = 0) {
  return tick(f, { by: 'clock', now: at(day, hours), config });
}

describe('tick: legal clock and warnings on a fake clock', () => {
  it('when time passes, then first-session warnings and overdue events are raised once each', () => {
    let f = run(newFile({ channel: 'walk_in' }), [[0, { action: 'assign', mediatorIds: ['m1'] }]]);
    expect(tickAt(f, 1).changed).toBe(false);
    const w = tickAt(f, 2, 1); // 23 h before the 3-day target
    expect(w.events).toEqual([
      expect.objectContaining({ type: 'case.deadline_warning', kind: 'firstSession', hoursBefore: 24, deadlineAt: at(3).toISOString() }),
    ]);
    f = w.file;
    expect(tickAt(f, 2, 5).changed).toBe(false);
    const o = tickAt(f, 3);
    expect(o.events).toEqual([expect.objectContaining({ type: 'case.deadline_overdue', kind: 'firstSession' })]);
    expect(tickAt(o.file, 4).changed).toBe(false);
    expect(o.file.status).toBe('assigned');
  });

  it('when a late tick crosses several warning points, then only the nearest is announced', () => {
    const f = newFile({ channel: 'court', class: 'professional' });
    const out = tickAt(f, 29, 12); // 12 h before the 30-day term: 168, 72 and 24 h points all crossed
    const term = out.events.filter((e) => e.type === 'case.deadline_warning' && e.kind === 'term');
    expect(term).toEqual([expect.objectContaining({ hoursBefore: 24 })]);
    expect(out.file.raised.filter((k) => k.startsWith('term:'))).toHaveLength(3);
  });

  it('when the term warnings come in order, then each point is announced on its day', () => {
    let f = newFile({ channel: 'court', class: 'professional' });
    const seen: number[] = [];
    for (let h = 0; h < 30 * 24; h += 6) {
      const out = tick(f, { by: 'clock', now: new Date(Date.parse(f.referredAt) + h * 3_600_000), config });
      for (const e of out.events) if (e.type === 'case.deadline_warning' && e.kind === 'term') seen.push(e.hoursBefore);
      f = out.file;
    }
    expect(seen).toEqual([168, 72, 24]);
  });

  it('when the term runs out, then an open case is returned to court by the clock, with the event', () => {
    const f = toMediating(newFile({ channel: 'court' }), ['m1'], 5);
    const out = tickAt(f, 30);
    expect(out.file.status).toBe('returned_to_court');
    expect(out.file.history.at(-1)).toMatchObject({
      action: 'return_to_court',
      by: 'clock',
      reason: expect.stringMatching(/^term_expired/),
    });
    expect(out.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['case.deadline_overdue', 'case.transition', 'case.returned_to_court']),
    );
    expect(out.released).toEqual(['m1']);
    expect(tickAt(out.file, 31).changed).toBe(false);
  });

  it('when the term was extended, then the clock waits for the new end', () => {
    let f = run(newFile({ channel: 'court' }), [[10, { action: 'extend_term', days: 30, consentingPartyRefs: ['p1', 'p2'] }]]);
    f = tickAt(f, 30).file;
    expect(f.status).toBe('referred');
    expect(tickAt(f, 60).file.status).toBe('returned_to_court');
  });

  it('when a walk-in case waits long, then no term ever returns it to court', () => {
    const f = newFile({ channel: 'walk_in' });
    expect(tickAt(f, 400).file.status).toBe('referred');
  });

  it('when fulfilment is due and not done, then it becomes overdue with an event; follow-ups are announced', () => {
    let f = toMediating(newFile({ channel: 'walk_in' }), ['m1']);
    f = run(f, [[2, { action: 'settle', amountYuan: 500, termsRef: 'a', fulfilmentMode: 'own_accord' }]]);
    const follow = tickAt(f, 17, 1);
    expect(follow.events).toContainEqual(expect.objectContaining({ type: 'case.follow_up_due', visitAt: at(17).toISOString() }));
    const warn = tickAt(follow.file, 30);
    expect(warn.events).toContainEqual(expect.objectContaining({ type: 'case.deadline_warning', kind: 'fulfilment', hoursBefore: 72 }));
    expect(warn.events).toContainEqual(expect.objectContaining({ type: 'case.deadline_warning', kind: 'confirmation', hoursBefore: 168 }));
    const over = tickAt(warn.file, 32, 1);
    expect(over.file.fulfilment!.status).toBe('overdue');
    expect(over.events).toContainEqual(expect.objectContaining({ type: 'case.fulfilment_overdue', mode: 'own_accord' }));
    expect(over.file.status).toBe('settled');
  });
});
