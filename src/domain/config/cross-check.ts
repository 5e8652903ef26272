import type { Tier } from '..';
import type { DispatchConfig, Pool } from './schema';

/** The tier each pool draws from. */
export const POOL_TIER: Readonly<Record<Pool, Tier>> = {
  village_home: 'village',
  village_neighbour: 'village',
  industry_covering: 'industry',
  industry_legal: 'industry',
  gold: 'gold',
  industry_sector: 'industry',
};

/** Two pools no mediator is in at once: other tiers, or pairs disjoint by definition. */
export function poolsDisjoint(a: Pool, b: Pool): boolean {
  if (POOL_TIER[a] !== POOL_TIER[b]) return true;
  const pair = new Set([a, b]);
  return pair.size === 2 && pair.has('industry_sector') && pair.has('industry_legal');
}

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
  problems.push(...panelSeatProblems(c));
  return problems;
}

/** Panel seats (issue 17, convening): one rule per role, every two seats' pools disjoint. */
function panelSeatProblems(c: DispatchConfig): string[] {
  const seats = c.tierRules.panelSeats ?? [];
  const problems: string[] = [];
  if (new Set(seats.map((s) => s.role)).size !== seats.length) problems.push('tier-rules.json: panelSeats: a role appears twice');
  const pools = (s: (typeof seats)[number]) => [...s.primary, ...s.overflow];
  seats.forEach((a, i) =>
    seats.slice(i + 1).forEach((b) => {
      if (!pools(a).every((p) => pools(b).every((q) => poolsDisjoint(p, q))))
        problems.push(`tier-rules.json: panelSeats: ${a.role} and ${b.role} may draw the same mediator; use disjoint pools`);
    }),
  );
  return problems;
}
