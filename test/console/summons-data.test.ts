import {
  actionPath,
  actionsOf,
  arrivalOf,
  defaultRequiredBy,
  departmentsFor,
  instantOfInput,
  localInputValue,
  sortSummonses,
  summonsBody,
  summonsFieldOf,
  type DepartmentView,
  type SummonsView,
} from '../../console/src/summons/summons-data';

const summons = (over: Partial<SummonsView> = {}): SummonsView => ({
  id: 's1',
  caseId: 'c1',
  department: 'health',
  reason: '医疗纠纷需卫健部门到场',
  requiredBy: '2026-12-06T08:00:00.000Z',
  issuedAt: '2026-12-06T02:00:00.000Z',
  status: 'issued',
  allowedActions: ['acknowledge', 'check_in', 'cancel'],
  ...over,
});

const NOW = Date.parse('2026-12-06T06:00:00.000Z');

describe('a summons as the case page shows it', () => {
  it('When a department checked in by the required time, then it reads on time; after it, late', () => {
    expect(arrivalOf(summons({ status: 'checked_in', onTime: true, arrivedAt: '2026-12-06T07:59:00Z' }), NOW)).toBe('on_time');
    expect(arrivalOf(summons({ status: 'checked_in', onTime: false, arrivedAt: '2026-12-06T08:10:00Z' }), NOW)).toBe('late');
  });

  it('When a summons is still expected, then it is open before its time and overdue after it', () => {
    expect(arrivalOf(summons(), NOW)).toBe('open');
    expect(arrivalOf(summons({ status: 'acknowledged' }), Date.parse('2026-12-06T08:01:00Z'))).toBe('overdue');
    expect(arrivalOf(summons({ status: 'missed' }), NOW)).toBe('missed');
    expect(arrivalOf(summons({ status: 'cancelled' }), NOW)).toBe('cancelled');
  });

  it('When the API allows actions, then the buttons follow them in a fixed order and never offer the clock’s miss', () => {
    expect(actionsOf(summons({ allowedActions: ['cancel', 'check_in', 'miss'] }))).toEqual(['check_in', 'cancel']);
    expect(actionsOf(summons({ status: 'checked_in', allowedActions: [] }))).toEqual([]);
    expect(actionPath('s/1', 'check_in')).toBe('/v1/summonses/s%2F1/check-in');
  });

  it('When several summonses are listed, then the earliest required time comes first', () => {
    const later = summons({ id: 's2', requiredBy: '2026-12-07T08:00:00Z' });
    const sameTime = summons({ id: 's3', department: 'court' });
    expect(sortSummonses([later, summons(), sameTime]).map((s) => s.id)).toEqual(['s3', 's1', 's2']);
  });
});

describe('the summons form', () => {
  const dept = (id: string, categories: string[]): DepartmentView => ({ id, name: { zh: id, en: id }, categories });

  it('When the case is medical, then the departments answering for it come first, the rest in roster order', () => {
    const roster = [dept('court', []), dept('health', ['medical']), dept('transport', ['traffic']), dept('justice_bureau', ['medical'])];
    expect(departmentsFor(roster, 'medical').map((d) => d.id)).toEqual(['health', 'justice_bureau', 'court', 'transport']);
  });

  it('When a time is typed, then it is read as China Standard Time whatever the browser’s zone', () => {
    expect(instantOfInput('2026-12-06T16:30')).toBe('2026-12-06T08:30:00.000Z');
    expect(instantOfInput('2026-12-06')).toBeUndefined();
    expect(localInputValue(Date.parse('2026-12-06T08:30:00Z'))).toBe('2026-12-06T16:30');
  });

  it('When the form opens, then the required time is two hours ahead on the next half hour', () => {
    expect(defaultRequiredBy(Date.parse('2026-12-06T06:10:00Z'))).toBe('2026-12-06T16:30');
    expect(defaultRequiredBy(Date.parse('2026-12-06T06:30:00Z'))).toBe('2026-12-06T16:30');
  });

  it('When it is sent, then the reason is trimmed and an unreadable time goes as typed for the service to refuse', () => {
    expect(summonsBody({ departments: ['health'], reason: '  到场说明 ', requiredBy: '2026-12-06T16:30' })).toEqual({
      departments: ['health'],
      reason: '到场说明',
      requiredBy: '2026-12-06T08:30:00.000Z',
    });
    expect(summonsBody({ departments: ['health'], reason: 'x', requiredBy: '' }).requiredBy).toBe('');
  });

  it('When the service refuses a field, then it is shown under its input', () => {
    expect(summonsFieldOf('body.departments[1]')).toBe('departments');
    expect(summonsFieldOf('body.requiredBy')).toBe('requiredBy');
    expect(summonsFieldOf('body.reason')).toBe('reason');
    expect(summonsFieldOf('body.sessionId')).toBe('departments');
  });
});
