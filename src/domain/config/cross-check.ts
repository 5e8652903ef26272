import type { Tier } from '..';
import type { CountyMap, DispatchConfig, Organizations, Pool, TierRules } from './schema';

/** The tier each pool draws from. */
export const POOL_TIER: Readonly<Record<Pool, Tier>> = {
  village_home: 'village',
  village_neighbour: 'village',
  industry_covering: 'industry',
  industry_legal: 'industry',
  gold: 'gold',
  industry_sector: 'industry',
  village_county: 'village',
};

/** Two pools no mediator is in at once: other tiers, or pairs disjoint by definition. */
export function poolsDisjoint(a: Pool, b: Pool): boolean {
  if (POOL_TIER[a] !== POOL_TIER[b]) return true;
  const pair = new Set([a, b]);
  return pair.size === 2 && pair.has('industry_sector') && pair.has('industry_legal');
}

/** One problem a cross-check found: where in the document (`townships[2].neighbours[0]`) and why. */
export interface ConfigIssue {
  readonly path: string;
  readonly reason: string;
}

/** What zod cannot see in a county map: unique ids, and that neighbours and the seat name townships of the map. */
export function countyMapIssues(map: CountyMap): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const townshipIds = new Set(map.townships.map((t) => t.id));
  const seenTownships = new Set<string>();
  const seenVillages = new Set<string>();
  map.townships.forEach((t, ti) => {
    if (seenTownships.has(t.id)) issues.push({ path: `townships[${ti}].id`, reason: `duplicate township id ${t.id}` });
    seenTownships.add(t.id);
    t.neighbours.forEach((n, ni) => {
      if (!townshipIds.has(n)) issues.push({ path: `townships[${ti}].neighbours[${ni}]`, reason: `unknown township ${n}` });
    });
    t.villages.forEach((v, vi) => {
      if (seenVillages.has(v.id)) issues.push({ path: `townships[${ti}].villages[${vi}].id`, reason: `duplicate village id ${v.id}` });
      seenVillages.add(v.id);
    });
  });
  if (!townshipIds.has(map.county.seat.township))
    issues.push({ path: 'county.seat.township', reason: `unknown township ${map.county.seat.township}` });
  return issues;
}

/** What zod cannot see in the organisations: unique ids (the centre's among them). */
export function organizationIssues(orgs: Organizations): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  orgs.organizations.forEach((o, i) => {
    if (seen.has(o.id)) issues.push({ path: `organizations[${i}].id`, reason: `duplicate organisation id ${o.id}` });
    seen.add(o.id);
  });
  if (seen.has(orgs.centre.id)) issues.push({ path: 'centre.id', reason: `the centre's id ${orgs.centre.id} is an organisation's too` });
  return issues;
}

/** Tier rules name legal organisations: each must be one of the county's. */
export function legalOrganizationIssues(tierRules: TierRules, orgs: Organizations): ConfigIssue[] {
  const orgIds = new Set(orgs.organizations.map((o) => o.id));
  return tierRules.legalOrganizations
    .filter((l) => !orgIds.has(l))
    .map((l) => ({ path: 'organizations', reason: `the legal organisation ${l} of tier-rules.json is missing` }));
}

const inFile = (file: string) => (i: ConfigIssue) => `${file}: ${i.path}: ${i.reason}`;

/**
 * What zod cannot see: references between files, unique ids, and that the seats of one class
 * draw from disjoint tiers — which is what keeps a panel's two seats on two different people.
 */
export function crossCheckConfig(c: DispatchConfig): string[] {
  const problems: string[] = [
    ...countyMapIssues(c.county).map(inFile('county.json')),
    ...organizationIssues(c.organizations).map(inFile('organizations.json')),
    ...legalOrganizationIssues(c.tierRules, c.organizations).map(inFile('organizations.json')),
  ];
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
