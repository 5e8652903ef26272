import { canAssignByHand, clocksOf, isClosed, mediatorsNamed, type CaseFileView, type CaseView } from '../../console/src/case/case-data';

const view: CaseView = {
  id: 'c1',
  externalId: 'X-1',
  status: 'assigned',
  channel: 'court',
  category: 'neighbour',
  class: 'ordinary',
  township: 't01',
  village: 'v01',
  referredAt: '2026-12-01T00:00:00Z',
  deadlineAt: '2026-12-20T00:00:00Z',
  assignment: {
    mediatorIds: ['m1'],
    assignedAt: '2026-12-01T01:00:00Z',
    by: 'optimizer',
    seats: [
      {
        role: 'lead',
        mediatorId: 'm1',
        explanation: {
          role: 'lead',
          text: '',
          chosen: { mediatorId: 'm1', total: 1, facts: facts() },
          alternatives: [{ mediatorId: 'm4', total: 2, facts: facts() }],
        },
      },
    ],
  },
};

function facts() {
  return { tier: 'village', township: 't01', distanceKm: 1, proficiency: 0.5, load: 1, capacity: 5, predictedSuccess: 0.7 };
}

const file: CaseFileView = {
  status: 'assigned',
  termEndsAt: '2027-01-01T00:00:00Z',
  termExtensionDays: 0,
  attempts: [{ number: 1, class: 'ordinary', firstSessionTargetAt: '2026-12-08T00:00:00Z', mediatorIds: ['m1'] }],
  sessions: [],
  settlement: null,
  fulfilment: null,
  history: [
    { from: 'referred', to: 'assigned', action: 'assign', by: 'optimizer', at: '2026-12-01T01:00:00Z', mediatorIds: ['m2'] },
    {
      from: 'assigned',
      to: 'assigned',
      action: 'reassign',
      by: 'ana',
      at: '2026-12-02T01:00:00Z',
      mediatorIds: ['m1'],
      fromMediatorIds: ['m2'],
    },
  ],
};

describe('the legal clocks of a case', () => {
  test('when a case is assigned, then its deadline, the term and the first-session target run', () => {
    expect(clocksOf(view, file)).toEqual([
      { kind: 'deadline', at: view.deadlineAt },
      { kind: 'term', at: '2027-01-01T00:00:00Z' },
      { kind: 'firstSession', at: '2026-12-08T00:00:00Z' },
    ]);
  });

  test('when the term was extended, then the clock says by how many days', () => {
    expect(clocksOf(view, { ...file, termExtensionDays: 15 })[1]).toMatchObject({ kind: 'term', extendedDays: 15 });
  });

  test('when a case is proposed, then the proposal commit time is a clock too', () => {
    const proposed = { ...view, status: 'proposed', proposal: { mediatorIds: ['m1'], seats: [], expiresAt: '2026-12-01T02:00:00Z' } };
    expect(clocksOf(proposed, file).map((c) => c.kind)).toContain('proposal');
  });

  test('when settled with fulfilment pending, then the confirmation window, the due date and the follow-ups; met ones carry when', () => {
    const settled: CaseFileView = {
      ...file,
      status: 'settled',
      attempts: [{ ...file.attempts[0]!, firstSessionAt: '2026-12-05T00:00:00Z' }],
      settlement: { at: '2026-12-06T00:00:00Z', amountYuan: 1000, termsRef: 'T1', confirmationWindowEndsAt: '2027-01-05T00:00:00Z' },
      fulfilment: {
        mode: 'voluntary',
        dueAt: '2026-12-20T00:00:00Z',
        status: 'pending',
        followUps: [
          { at: '2026-12-10T00:00:00Z', done: true },
          { at: '2026-12-25T00:00:00Z', done: false },
        ],
      },
    };
    const clocks = clocksOf({ ...view, status: 'settled' }, settled);
    expect(clocks.map((c) => c.kind)).toEqual(['deadline', 'term', 'firstSession', 'confirmation', 'fulfilment', 'followUp', 'followUp']);
    expect(clocks[0]!.metAt).toBe(file.history[1]!.at);
    expect(clocks[2]!.metAt).toBe('2026-12-05T00:00:00Z');
    expect(clocks[3]!.metAt).toBeUndefined();
    expect(clocks[5]!.metAt).toBe('2026-12-10T00:00:00Z');
    expect(clocks[6]!.metAt).toBeUndefined();
  });

  test('when the case file is missing (archived), then only the deadline', () => {
    expect(clocksOf(view, undefined).map((c) => c.kind)).toEqual(['deadline']);
  });
});

describe('what the case page reads and offers', () => {
  test('when a case names mediators in seats, runners-up and history, then each once, seats first', () => {
    expect(mediatorsNamed(view, file)).toEqual(['m1', 'm4', 'm2']);
  });

  test('when a case is waiting or assigned but not yet mediating, then a dispatcher may move it; later, not', () => {
    for (const s of ['referred', 'unassigned', 'held', 'proposed', 'assigned', 'accepted', 'session_scheduled'])
      expect(canAssignByHand(s)).toBe(true);
    for (const s of ['mediating', 'settled', 'awaiting_consent', 'attempt_failed']) expect(canAssignByHand(s)).toBe(false);
    expect(isClosed('withdrawn')).toBe(true);
    expect(isClosed('mediating')).toBe(false);
  });
});
