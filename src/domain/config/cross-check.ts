import type { Tier } from '..';
import type { DispatchConfig, Pool } from './schema';

/** The tier each pool draws from. */
export const POOL_TIER: Readonly<Record<Pool, Tier>> = {
  village_home: 'village',
  village_neighbour: 'village',
  industry_covering: 'industry',
  industry_legal: 'industry',
  gold: 'gold',
};

/**
 * What zod cannot see: references between files, unique ids, and that the seats of one class
 * draw from disjoint tiers — which is what keeps a panel's two seats on two different people.
 */
export function crossCheckConfig(c: DispatchConfig): string[] {
  const problems: string[] = [];
  const townshipIds = new Set(c.county.townships.map((t) => t.id));
  const villageIds = new Set<string>();
  for (const t of c.county.townships) {
    for (const n of t.neighbours) if (!townshipIds.has(n)) problems.push(`county.json: township ${t.id}: unknown neighbour ${n}`);
    for (const v of t.villages) {
      if (villageIds.has(v.id)) problems.push(`county.json: duplicate village id ${v.id}`);
      villageIds.add(v.id);
    }
  }
  if (townshipIds.size !== c.county.townships.length) problems.push('county.json: duplicate township id');
  if (!townshipIds.has(c.county.county.seat.township)) problems.push('county.json: seat township unknown');
  const orgIds = new Set(c.organizations.organizations.map((o) => o.id));
  if (orgIds.size !== c.organizations.organizations.length) problems.push('organizations.json: duplicate organisation id');
  for (const l of c.tierRules.legalOrganizations) if (!orgIds.has(l)) problems.push(`tier-rules.json: unknown legal organisation ${l}`);
  for (const [cls, seats] of Object.entries(c.tierRules.seats)) {
    const roles = new Set(seats.map((s) => s.role));
    if (roles.size !== seats.length) problems.push(`tier-rules.json: ${cls}: a role appears twice`);
    const [first, second] = seats;
    if (seats.length === 2 && first && second) {
      const tiersOf = (seat: typeof first) => new Set([...seat.primary, ...seat.overflow].map((p) => POOL_TIER[p]));
      const a = tiersOf(first);
      const shared = [...tiersOf(second)].filter((t) => a.has(t));
      if (shared.length > 0)
        problems.push(`tier-rules.json: ${cls}: both seats draw from tier ${shared.join(',')}; panel seats must use disjoint tiers`);
    }
  }
  return problems;
}
