import { draftOf, fieldOfProblem, patchOf } from '../../console/src/mediators/edit-form';
import type { MediatorView } from '../../console/src/mediators/roster';

const base: MediatorView = {
  id: 'im-medical-01',
  name: '李平',
  tier: 'industry',
  organization: 'medical',
  organizationName: { zh: '医疗纠纷人民调解委员会', en: 'Medical Disputes Mediation Committee' },
  township: 't01',
  capacity: 6,
  load: 2,
  status: 'active',
  leave: [{ from: '2026-11-01', until: '2026-11-03' }],
};

describe('the in-place editor of a mediator', () => {
  test('when nothing changed, then the patch is empty', () => {
    expect(patchOf(base, draftOf(base))).toEqual({ patch: {}, problems: [] });
  });
  test('when capacity and a new leave period are entered, then the patch holds the new capacity and every period', () => {
    const { patch, problems } = patchOf(base, { ...draftOf(base), capacity: '4', leaveFrom: '2026-12-07', leaveUntil: '2026-12-11' });
    expect(problems).toEqual([]);
    expect(patch).toEqual({ capacity: 4, leave: [...base.leave, { from: '2026-12-07', until: '2026-12-11' }] });
  });
  test('when the new period is one the mediator already has, then it is not added twice', () => {
    expect(patchOf(base, { ...draftOf(base), leaveFrom: '2026-11-01', leaveUntil: '2026-11-03' })).toEqual({ patch: {}, problems: [] });
  });
  test('when a period is removed or the status changes, then only that is sent', () => {
    expect(patchOf(base, { ...draftOf(base), leave: [] }).patch).toEqual({ leave: [] });
    expect(patchOf(base, { ...draftOf(base), status: 'on_leave' }).patch).toEqual({ status: 'on_leave' });
  });
  test('when capacity is not a whole number or a date is missing or reversed, then the problem names its input', () => {
    expect(patchOf(base, { ...draftOf(base), capacity: '2.5' }).problems).toEqual([{ field: 'capacity', text: 'capacityWhole' }]);
    expect(patchOf(base, { ...draftOf(base), capacity: '' }).problems).toEqual([{ field: 'capacity', text: 'capacityWhole' }]);
    expect(patchOf(base, { ...draftOf(base), leaveUntil: '2026-12-01' }).problems).toEqual([
      { field: 'leaveFrom', text: 'leaveBothDates' },
    ]);
    expect(patchOf(base, { ...draftOf(base), leaveFrom: '2026-12-09', leaveUntil: '2026-12-01' }).problems).toEqual([
      { field: 'leaveUntil', text: 'leaveUntilBeforeFrom' },
    ]);
  });
  test('when the service refuses a field, then the problem goes next to the input it came from', () => {
    expect(fieldOfProblem('body.capacity', 2, true)).toBe('capacity');
    expect(fieldOfProblem('body.leave[1].until', 2, true)).toBe('leaveUntil');
    expect(fieldOfProblem('body.leave[1].from', 2, true)).toBe('leaveFrom');
    expect(fieldOfProblem('body.leave[0].until', 2, true)).toBe('leave');
    expect(fieldOfProblem('body.leave', 3, false)).toBe('leave');
    expect(fieldOfProblem('body.status', 1, false)).toBe('status');
  });
});
