import { CATEGORIES, MediatorSchema, type Category, type Location, type Mediator } from '../domain';
import type { DispatchConfig } from '../domain/config/load';
import type { SimulatorParams } from './simulator-schema';
import type { Village } from '../domain/config/schema';
import { mediatorName } from './names';
import type { Rng } from '../domain/random';
import { DAY_MS } from '../domain/time';
import { itemAt } from '../domain/indexed-access';

const VILLAGE_HOME: readonly Category[] = ['family', 'marriage_inheritance', 'neighbour', 'land'];
const VILLAGE_NEAR: readonly Category[] = ['utilities', 'consumer', 'property_management'];

/** Hidden true skill per mediator × category (0..1); the simulator's truth, never the optimizer's. */
export type TrueSkill = ReadonlyMap<string, Readonly<Record<Category, number>>>;

/** Households per village: the pool party refs are drawn from. */
export function households(v: Pick<Village, 'population'>): number {
  return Math.max(50, Math.round(v.population / 3.2));
}

/** A party ref: `h-<village>-<household>`. Refs only — never a name. */
export function partyRef(villageId: string, household: number): string {
  return `h-${villageId}-${household}`;
}

function jitter(loc: Location, km: number, rng: Rng): Location {
  const dLat = rng.normal(0, km) / 111.2;
  const dLng = rng.normal(0, km) / (111.32 * Math.cos((loc.lat * Math.PI) / 180));
  return { lat: +(loc.lat + dLat).toFixed(5), lng: +(loc.lng + dLng).toFixed(5) };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Mediators per village: at least 2 each, the rest by population (largest remainder). */
export function villageSeats(villages: readonly Village[], total: number): number[] {
  const base = villages.map(() => 2);
  const extra = Math.max(0, total - 2 * villages.length);
  const pop = villages.reduce((a, v) => a + v.population, 0);
  const quotas = villages.map((v) => (extra * v.population) / pop);
  const seats = quotas.map(Math.floor);
  let left = extra - seats.reduce((a, b) => a + b, 0);
  const order = quotas.map((q, i) => [q - Math.floor(q), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    seats[i] = itemAt(seats, i, 'village seats') + 1;
  }
  return base.map((b, i) => b + itemAt(seats, i, 'village seats'));
}

function leaveFor(rng: Rng, start: Date, share: number): Pick<Mediator, 'status' | 'leave'> {
  if (rng.bernoulli(share)) return { status: 'on_leave', leave: [] };
  if (!rng.bernoulli(share * 2)) return { status: 'active', leave: [] };
  const from = new Date(start.getTime() + rng.int(0, 80) * DAY_MS);
  const until = new Date(from.getTime() + rng.int(6, 20) * DAY_MS);
  return { status: 'active', leave: [{ from: from.toISOString().slice(0, 10), until: until.toISOString().slice(0, 10) }] };
}

function weekdays(rng: Rng): Mediator['availability'] {
  const slots: Mediator['availability'] = [];
  for (let d = 1; d <= 5; d++) for (const half of ['am', 'pm'] as const) if (rng.bernoulli(0.8)) slots.push({ weekday: d, half });
  return slots;
}

/** Generates the county's mediators (village, industry, gold) and their hidden true skills. */
export function generateMediators(
  config: DispatchConfig,
  params: SimulatorParams,
  rng: Rng,
  start: Date,
): { mediators: Mediator[]; trueSkill: TrueSkill } {
  const p = params.mediators;
  const mediators: Mediator[] = [];
  const seat = config.county.county.seat;
  const villages = config.county.townships.flatMap((t) => t.villages.map((v) => ({ ...v, township: t.id })));
  const perVillage = villageSeats(villages, p.village.count);
  villages.forEach((v, vi) => {
    for (let k = 0; k < itemAt(perVillage, vi, 'village seats'); k++) {
      const expertise: Partial<Record<Category, number>> = {};
      for (const c of CATEGORIES) {
        const [lo, hi] = VILLAGE_HOME.includes(c)
          ? p.villageSkill.home
          : VILLAGE_NEAR.includes(c)
            ? p.villageSkill.near
            : p.villageSkill.other;
        const s = round2(rng.uniform(lo, hi));
        if (s >= 0.05) expertise[c] = s;
      }
      const hh = households(v);
      mediators.push({
        id: `vm-${v.id}-${k + 1}`,
        name: mediatorName(rng),
        tier: 'village',
        organization: `vc-${v.id}`,
        township: v.township,
        village: v.id,
        location: jitter(v.location, 0.7, rng),
        expertise,
        capacity: rng.int(p.village.capacity[0], p.village.capacity[1]),
        ...leaveFor(rng, start, p.village.onLeaveShare),
        availability: weekdays(rng),
        recusals: Array.from({ length: p.village.recusalsPerMediator }, () => partyRef(v.id, rng.int(1, hh))),
      });
    }
  });
  const otherTownships = config.county.townships.filter((t) => t.id !== seat.township);
  for (const org of config.organizations.organizations) {
    const covered = new Set<Category>(org.categories);
    for (let k = 0; k < org.headcount; k++) {
      const atSeat = rng.bernoulli(p.industry.atSeatShare);
      const town = atSeat ? null : rng.pick(otherTownships);
      const expertise: Partial<Record<Category, number>> = {};
      for (const c of covered) expertise[c] = round2(rng.uniform(p.industry.coverSkill[0], p.industry.coverSkill[1]));
      for (const c of rng.sample(
        CATEGORIES.filter((x) => !covered.has(x)),
        3,
      )) {
        expertise[c] = round2(rng.uniform(p.industry.offCoverSkill[0], p.industry.offCoverSkill[1]));
      }
      mediators.push({
        id: `im-${org.id}-${String(k + 1).padStart(2, '0')}`,
        name: mediatorName(rng),
        tier: 'industry',
        organization: org.id,
        township: town ? town.id : seat.township,
        location: jitter(town ? town.seat : seat.location, 1.5, rng),
        expertise,
        capacity: rng.int(p.industry.capacity[0], p.industry.capacity[1]),
        ...leaveFor(rng, start, p.village.onLeaveShare),
        availability: weekdays(rng),
        recusals: [],
      });
    }
  }
  for (let k = 0; k < p.gold.count; k++) {
    const expertise: Partial<Record<Category, number>> = {};
    for (const c of CATEGORIES) expertise[c] = round2(rng.uniform(p.gold.skill[0], p.gold.skill[1]));
    mediators.push({
      id: `gm-${String(k + 1).padStart(2, '0')}`,
      name: mediatorName(rng),
      tier: 'gold',
      organization: config.organizations.centre.id,
      township: seat.township,
      location: jitter(seat.location, 0.3, rng),
      expertise,
      capacity: rng.int(p.gold.capacity[0], p.gold.capacity[1]),
      status: 'active',
      leave: [],
      availability: weekdays(rng),
      recusals: [],
    });
  }
  const truthRng = rng.fork('true-skill');
  const trueSkill = new Map<string, Record<Category, number>>();
  for (const m of mediators) {
    const row = {} as Record<Category, number>;
    const ability = truthRng.normal(0, params.propensity.abilitySd);
    for (const c of CATEGORIES)
      row[c] = Math.min(1, Math.max(0, (m.expertise[c] ?? 0) + ability + truthRng.normal(0, params.propensity.skillNoise)));
    trueSkill.set(m.id, row);
  }
  return { mediators: mediators.map((m) => MediatorSchema.parse(m)), trueSkill };
}
