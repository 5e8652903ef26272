import { loadDispatchConfig } from '../../../src/domain/config/load';
import type { Case, Mediator } from '../../../src/domain';
import { mediator, waitingCase } from '../domain/fixtures';
import { omit } from '../../../src/domain/omit';

export const config = loadDispatchConfig();
export const NOW = new Date('2024-03-20T09:00:00.000Z');

/**
 * The bundled configuration without seat pressure (seat-pressure.ts): the weights as written, for
 * tests of other rules whose few mediators would otherwise make their pool look short of seats.
 */
export const unpressured: typeof config = { ...config, weights: omit(config.weights, 'seatPressure') };

/** The bundled county: t01 (seat) neighbours t02..t06; t08 neighbours only t07. */
export function villageAt(id: string): { village: string; township: string; location: Case['location'] } {
  for (const t of config.county.townships) {
    const v = t.villages.find((x) => x.id === id);
    if (v) return { village: v.id, township: t.id, location: v.location };
  }
  throw new Error(`no village ${id}`);
}

export function villageMediator(id: string, villageId: string, over: Partial<Mediator> = {}): Mediator {
  const v = villageAt(villageId);
  return mediator({
    id,
    tier: 'village',
    organization: `vc-${v.village}`,
    township: v.township,
    village: v.village,
    location: v.location,
    expertise: { family: 0.7, land: 0.6 },
    capacity: 4,
    ...over,
  });
}

export function industryMediator(id: string, organization: string, over: Partial<Mediator> = {}): Mediator {
  return omit(
    mediator({
      id,
      tier: 'industry',
      organization,
      township: 't01',
      location: config.county.county.seat.location,
      expertise: { medical: 0.8, traffic: 0.8, contract_debt: 0.7, land: 0.8 },
      capacity: 8,
      ...over,
    }),
    'village',
  );
}

export function goldMediator(id: string, over: Partial<Mediator> = {}): Mediator {
  return omit(
    mediator({
      id,
      tier: 'gold',
      organization: 'centre',
      township: 't01',
      location: config.county.county.seat.location,
      expertise: { family: 0.9, land: 0.9, medical: 0.8 },
      capacity: 6,
      ...over,
    }),
    'village',
  );
}

export function caseIn(id: string, villageId: string, over: Partial<Case> = {}): Case {
  const v = villageAt(villageId);
  return waitingCase({
    id,
    township: v.township,
    village: v.village,
    location: v.location,
    referredAt: '2024-03-20T08:00:00.000Z',
    deadlineAt: '2024-04-04T08:00:00.000Z',
    ...over,
  });
}
