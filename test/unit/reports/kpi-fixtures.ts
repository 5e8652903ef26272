import { act } from '../../../src/domain/lifecycle/transitions';
import { updateFulfilment } from '../../../src/domain/lifecycle/fulfilment';
import type { CaseFile } from '../../../src/domain/lifecycle-file';
import { config, at, newFile, run, toMediating } from '../lifecycle/helpers';

function ok<T extends { status: string }>(out: T): Extract<T, { status: 'ok' }> {
  if (out.status !== 'ok') throw new Error(JSON.stringify(out));
  return out as Extract<T, { status: 'ok' }>;
}

/** Four cases with known outcomes, all in March 2026 (T0 = 2026-03-02). */
export function fixtures(): CaseFile[] {
  // A: court, ordinary, settled on day 2 (first session day 1: on time), fulfilled on the spot.
  const a = run(toMediating(newFile({ id: 'A', township: 't01' }), ['v1']), [[2, { action: 'settle', amountYuan: 0, termsRef: 'a', fulfilmentMode: 'on_the_spot' }]]);
  // B: court, fails with v2 (first session day 5: late), escalates, settles with i1 on day 9; voluntary, fulfilled day 20.
  let b = toMediating(newFile({ id: 'B', township: 't02' }), ['v2'], 4);
  b = ok(act(b, { action: 'fail_attempt', reason: 'x' }, { by: 't', now: at(6), config })).file;
  b = run(toMediating(b, ['i1'], 7), [[9, { action: 'settle', amountYuan: 0, termsRef: 'b', fulfilmentMode: 'voluntary', dueAt: at(25).toISOString() }]]);
  b = ok(updateFulfilment(b, { kind: 'fulfilled' }, at(20))).file;
  // C: walk-in, never mediated, withdrawn day 3.
  const c = run(newFile({ id: 'C', channel: 'walk_in', township: 't01' }), [[3, { action: 'withdraw', reason: 'x' }]]);
  // D: court, mediated by v1, returned to court on day 12 with arrivals (one late).
  const d = run(
    newFile({ id: 'D', township: 't01' }),
    [
      [10, { action: 'assign', mediatorIds: ['v1'] }],
      [10, { action: 'accept' }],
      [10, { action: 'schedule_session', sessionId: 'd1', roomId: 'r', slot: { date: '2026-03-12', half: 'am' }, start: at(11).toISOString(), end: at(11, 3).toISOString() }],
      [11, { action: 'start_mediation', arrivals: [{ ref: 'dept-a', onTime: true }, { ref: 'dept-b', onTime: false }] }],
      [12, { action: 'return_to_court', reason: 'parties refuse' }],
    ],
  );
  return [a, b, c, d];
}

