import type { DepartmentId } from '../domain/config/departments-config';
import type { Case, Category, PanelDepartment, PanelPlan, PanelReason, RoomKind, SeatRole } from '../domain';
import type { Organizations, TierRules } from '../domain/config/schema';
import type { PanelRules } from '../domain/config/panel-rules-config';

/**
 * A major case's panel plan (集中攻坚, issue 17 part 2), sized by the case: a gold-medal lead; a
 * sector expert (an industry organisation that covers the category, not a legal one) and a legal
 * expert when the dispute needs law or is large; a court or lawyer liaison; the departments to
 * summon. Pure: rules in, plan out; the optimizer then fills the seats (tier-rules.json
 * `panelSeats`, pools disjoint so the panel is distinct people) and the dispatcher confirms it.
 */

/** The case facts sizing reads: counts and kinds, never a party's identity. */
export type PanelFacts = Pick<Case, 'category' | 'channel' | 'amountYuan' | 'priorPetitions'> & {
  readonly parties: readonly unknown[];
};

/** Categories some non-legal industry organisation covers: only those can have a sector expert. */
export function sectorCategories(organizations: Organizations, rules: Pick<TierRules, 'legalOrganizations'>): ReadonlySet<Category> {
  const legal = new Set(rules.legalOrganizations);
  return new Set(organizations.organizations.filter((o) => !legal.has(o.id)).flatMap((o) => o.categories));
}

/** Rules that call for a second expert (parties, amount, repeat petitions), each with its figure. */
export function twoExpertReasons(c: PanelFacts, rules: PanelRules): PanelReason[] {
  const t = rules.twoExperts;
  const out: PanelReason[] = [];
  if (c.parties.length >= t.partiesAtLeast) out.push({ code: 'many_parties', value: c.parties.length, threshold: t.partiesAtLeast });
  if (c.amountYuan >= t.amountYuanAtLeast) out.push({ code: 'large_amount', value: c.amountYuan, threshold: t.amountYuanAtLeast });
  if (c.priorPetitions >= t.priorPetitionsAtLeast)
    out.push({ code: 'repeat_petitions', value: c.priorPetitions, threshold: t.priorPetitionsAtLeast });
  return out;
}

/** Why the dispute needs law (its category, or its amount); empty when it does not. */
export function lawReasons(c: PanelFacts, rules: PanelRules): PanelReason[] {
  const out: PanelReason[] = [];
  if (rules.law.categories.includes(c.category)) out.push({ code: 'law_by_category' });
  if (c.amountYuan >= rules.law.amountYuanAtLeast)
    out.push({ code: 'law_by_amount', value: c.amountYuan, threshold: rules.law.amountYuanAtLeast });
  return out;
}

/** The seats: lead; the sector expert where a sector covers the category; a legal expert when needed. */
export function panelSeats(
  c: PanelFacts,
  rules: PanelRules,
  sectors: ReadonlySet<Category>,
): { seats: SeatRole[]; reasons: PanelReason[] } {
  const two = twoExpertReasons(c, rules);
  const law = lawReasons(c, rules);
  const hasSector = sectors.has(c.category);
  const seats: SeatRole[] = ['lead'];
  if (hasSector) seats.push('expert');
  const reasons = [...two, ...law];
  if (!hasSector) reasons.push({ code: 'no_sector_organisation' });
  if (!hasSector || two.length > 0 || law.length > 0) seats.push('legal_expert');
  return { seats, reasons };
}

/** A judge for what the court sent; a lawyer for a very large dispute from elsewhere; else none. */
export function panelLiaison(c: PanelFacts, rules: PanelRules): PanelPlan['liaison'] {
  if (rules.liaison.courtLiaisonChannels.includes(c.channel)) return { role: 'court_liaison', reasons: [{ code: 'court_channel' }] };
  const t = rules.liaison.lawyerAmountYuanAtLeast;
  if (c.amountYuan >= t) return { role: 'lawyer', reasons: [{ code: 'lawyer_amount', value: c.amountYuan, threshold: t }] };
  return null;
}

/** The departments to summon, each once, with every rule that named it, in the roster's order. */
export function panelDepartments(c: PanelFacts, rules: PanelRules): PanelDepartment[] {
  const d = rules.departments;
  const found = new Map<DepartmentId, PanelReason[]>();
  const add = (id: DepartmentId, reason: PanelReason) => found.set(id, [...(found.get(id) ?? []), reason]);
  for (const id of d.byCategory[c.category] ?? []) add(id, { code: 'department_by_category' });
  for (const id of d.byChannel[c.channel] ?? []) add(id, { code: 'department_by_channel' });
  if (c.priorPetitions >= d.petitionOfficeAtPetitions) add('petition_office', { code: 'petitioned', value: c.priorPetitions });
  return [...found].map(([id, reasons]) => ({ id, reasons }));
}

/** The whole plan for a major case, before anyone fills it. */
export function planPanel(c: PanelFacts, rules: PanelRules, sectors: ReadonlySet<Category>): PanelPlan {
  const { seats, reasons } = panelSeats(c, rules, sectors);
  return { seats, reasons, liaison: panelLiaison(c, rules), departments: panelDepartments(c, rules) };
}

/**
 * The room kinds a panel's joint sessions need: a legal-expert room when a legal expert sits;
 * otherwise none of its own (the class's kinds, rooms.json), so the scheduler decides.
 */
export function panelRoomKinds(plan: PanelPlan | undefined, rules: PanelRules): readonly RoomKind[] | undefined {
  return plan?.seats.includes('legal_expert') ? rules.jointSessions.withLegalExpert : undefined;
}
