import { isOnLeave, type Case, type Mediator, type PanelPlan } from '../domain';
import { indexCounty, type CountyIndex } from '../domain/config/county-index';
import type { DispatchConfig } from '../domain/config/load';
import type { Organization, Pool, SeatRule, TierRules } from '../domain/config/schema';

/**
 * Hard rules: which mediators may fill which seat of a case. A mediator who fails any rule gets
 * no arc at all — the optimizer never sees them.
 */

/** Why an otherwise suitable mediator is excluded from a seat. */
export type Exclusion = 'tried_before' | 'recused' | 'own_village_conflict' | 'on_leave' | 'at_capacity';

export type SeatEligibility =
  | { readonly eligible: true; readonly pool: Pool; readonly overflow: boolean }
  | { readonly eligible: false; readonly exclusion: Exclusion | null };

export interface EligibilityContext {
  readonly rules: TierRules;
  readonly county: CountyIndex;
  /** Organisation id → categories it covers. */
  readonly coverage: ReadonlyMap<string, ReadonlySet<string>>;
  readonly loads: ReadonlyMap<string, number>;
  readonly now: Date;
}

/** Organisation → covered categories, for `EligibilityContext.coverage`. */
export function coverageOf(organizations: readonly Organization[]): Map<string, Set<string>> {
  return new Map(organizations.map((o) => [o.id, new Set<string>(o.categories)]));
}

/** Coverage per organisation list: configurations are loaded once, so requests need not rebuild it. */
const coverages = new WeakMap<readonly Organization[], ReadonlyMap<string, ReadonlySet<string>>>();

/**
 * The one way to assemble an `EligibilityContext` (dispatch, rebalance, candidates and pins all
 * use it): the county index and coverage come from the configuration, cached per configuration
 * object; loads and the moment are the caller's.
 */
export function eligibilityContext(
  config: Pick<DispatchConfig, 'tierRules' | 'county' | 'organizations'>,
  loads: ReadonlyMap<string, number>,
  now: Date,
): EligibilityContext {
  const organizations = config.organizations.organizations;
  let coverage = coverages.get(organizations);
  if (!coverage) coverages.set(organizations, (coverage = coverageOf(organizations)));
  return { rules: config.tierRules, county: indexCounty(config.county), coverage, loads, now };
}

/** A case as dispatch sees it: with its panel plan when it has one (sized now, or stored). */
export type PlannedCase = Pick<Case, 'class'> & Partial<Pick<Case, 'proposal' | 'assignment'>> & { readonly panel?: PanelPlan };

/** The case's panel plan: the one sized for this dispatch, else the one stored with its proposal or assignment. */
export function panelOf(c: PlannedCase): PanelPlan | undefined {
  return c.panel ?? c.proposal?.panel ?? c.assignment?.panel;
}

/**
 * The seats a case needs: one, or for a major case the panel — its plan's seats (issue 17,
 * convening: `tierRules.panelSeats`) when it has a plan, else the two `seats.major` seats.
 */
export function seatsFor(c: PlannedCase, rules: TierRules): readonly SeatRule[] {
  const plan = c.class === 'major' ? panelOf(c) : undefined;
  if (!plan || !rules.panelSeats) return rules.seats[c.class];
  const byRole = new Map(rules.panelSeats.map((s) => [s.role, s]));
  return plan.seats.flatMap((role) => byRole.get(role) ?? []);
}

/** Is the mediator in the pool for this case? */
export function inPool(pool: Pool, m: Mediator, c: Case, ctx: EligibilityContext): boolean {
  switch (pool) {
    case 'village_home':
      return m.tier === 'village' && m.township === c.township;
    case 'village_neighbour':
      return m.tier === 'village' && ctx.county.neighbours(c.township).includes(m.township);
    case 'village_county':
      return m.tier === 'village';
    case 'industry_covering':
      return m.tier === 'industry' && (ctx.coverage.get(m.organization)?.has(c.category) ?? false);
    case 'industry_legal':
      return m.tier === 'industry' && ctx.rules.legalOrganizations.includes(m.organization);
    case 'industry_sector':
      return inPool('industry_covering', m, c, ctx) && !ctx.rules.legalOrganizations.includes(m.organization);
    case 'gold':
      return m.tier === 'gold';
  }
}

/** A party ref the mediator must recuse from. */
export function isRecused(m: Pick<Mediator, 'recusals'>, c: Pick<Case, 'parties'>): boolean {
  return m.recusals.length > 0 && c.parties.some((p) => m.recusals.includes(p.ref));
}

/** A village mediator and a party from their own village, in a category where that is a conflict. */
export function hasOwnVillageConflict(m: Mediator, c: Case, rules: TierRules): boolean {
  return (
    m.tier === 'village' &&
    m.village !== undefined &&
    rules.ownVillageConflictCategories.includes(c.category) &&
    c.parties.some((p) => p.village === m.village)
  );
}

/** Applies every hard rule for one (case, seat, mediator). */
export function seatEligibility(m: Mediator, c: Case, seat: SeatRule, ctx: EligibilityContext): SeatEligibility {
  const primary = seat.primary.find((p) => inPool(p, m, c, ctx));
  const pool = primary ?? seat.overflow.find((p) => inPool(p, m, c, ctx));
  if (pool === undefined) return { eligible: false, exclusion: null };
  if (c.attempts.includes(m.id)) return { eligible: false, exclusion: 'tried_before' };
  if (isRecused(m, c)) return { eligible: false, exclusion: 'recused' };
  if (hasOwnVillageConflict(m, c, ctx.rules)) return { eligible: false, exclusion: 'own_village_conflict' };
  if (isOnLeave(m, ctx.now)) return { eligible: false, exclusion: 'on_leave' };
  if ((ctx.loads.get(m.id) ?? 0) >= m.capacity) return { eligible: false, exclusion: 'at_capacity' };
  return { eligible: true, pool, overflow: primary === undefined };
}
