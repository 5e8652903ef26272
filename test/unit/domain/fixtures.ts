import { CaseSchema, MediatorSchema, type Case, type Mediator } from '../../../src/domain';

/** A valid mediator with overridable fields (parsed, so defaults apply). */
export function mediator(over: Partial<Mediator> & { id: string }): Mediator {
  return MediatorSchema.parse({
    name: `Mediator ${over.id}`,
    tier: 'village',
    organization: 'vc-t1-v1',
    township: 't1',
    village: 't1-v1',
    location: { lat: 38.8, lng: 101.1 },
    expertise: { family: 0.5 },
    capacity: 3,
    ...over,
  });
}

/** A valid waiting case with overridable fields. */
export function waitingCase(over: Partial<Case> & { id: string }): Case {
  return CaseSchema.parse({
    externalId: `ext-${over.id}`,
    county: 'shandan',
    channel: 'walk_in',
    category: 'family',
    class: 'ordinary',
    classSource: 'given',
    township: 't1',
    village: 't1-v2',
    location: { lat: 38.81, lng: 101.12 },
    amountYuan: 0,
    parties: [{ ref: 'p1' }, { ref: 'p2' }],
    referredAt: '2024-03-20T08:00:00.000Z',
    deadlineAt: '2024-03-27T08:00:00.000Z',
    consent: true,
    status: 'referred',
    assignment: null,
    ...over,
  });
}
