import type { Case, PanelPlan } from '../../domain';
import type { DispatchConfig } from '../../domain/config/load';
import type { PanelRules } from '../../domain/config/panel-rules-config';
import { planPanel, sectorCategories } from '../../cost-model/panel-plan';

/** Panel plans in a dispatch (issue 17, convening): the county's sizing rules. */
export interface PanelOption {
  readonly rules: PanelRules;
}

/** A case in a dispatch, with the panel plan sized for it when it is a major case. */
export type CaseWithPlan = Case & { readonly panel?: PanelPlan };

/**
 * Sizes the panel of every major case about to be solved: the plan's seats are the tasks the
 * engine fills (cost-model/eligibility.ts `seatsFor`), the plan itself rides on the proposal or
 * the assignment. Other cases pass unchanged.
 */
export function withPanelPlans(cases: readonly Case[], option: PanelOption, config: DispatchConfig): CaseWithPlan[] {
  if (!config.tierRules.panelSeats) return [...cases];
  const sectors = sectorCategories(config.organizations, config.tierRules);
  return cases.map((c) => (c.class === 'major' ? { ...c, panel: planPanel(c, option.rules, sectors) } : c));
}
