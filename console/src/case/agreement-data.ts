/**
 * What the case page says about an agreement after settlement (issue 17): each route to enforceable
 * force with its dates, and how a fulfilment ended when a party reneged. Pure: tested in node.
 */
import type { AgreementRouteView, CaseFileView } from './case-data';

/** A dated step of a route, each a sentence in text.ts (`agr…`). */
export type RouteStep = 'applied' | 'acceptanceDue' | 'acceptanceDecided' | 'decided';

/** The route's dates in the order they happen; the acceptance deadline only while the court has not decided. */
export function routeSteps(r: AgreementRouteView): { readonly step: RouteStep; readonly at: string }[] {
  const steps: { step: RouteStep; at: string }[] = [{ step: 'applied', at: r.appliedAt }];
  if (r.acceptanceDecidedAt) steps.push({ step: 'acceptanceDecided', at: r.acceptanceDecidedAt });
  else if (r.acceptanceDueAt) steps.push({ step: 'acceptanceDue', at: r.acceptanceDueAt });
  if (r.decidedAt) steps.push({ step: 'decided', at: r.decidedAt });
  return steps;
}

export type FulfilmentEnd =
  | { readonly kind: 'enforcement'; readonly at?: string; readonly basis?: string }
  | { readonly kind: 'litigation'; readonly at?: string; readonly notice?: { readonly at: string; readonly channel: string } };

/**
 * What followed a renege: compulsory enforcement (only an agreement with enforceable force) with
 * its basis, or back to litigation with the notice to the parties; undefined while neither.
 */
export function fulfilmentEnd(f: CaseFileView['fulfilment']): FulfilmentEnd | undefined {
  if (f?.status === 'enforcement') {
    return {
      kind: 'enforcement',
      ...(f.enforcementAt ? { at: f.enforcementAt } : {}),
      ...(f.enforcementBasis ? { basis: f.enforcementBasis } : {}),
    };
  }
  if (f?.status === 'litigation') {
    return { kind: 'litigation', ...(f.litigationAt ? { at: f.litigationAt } : {}), ...(f.notice ? { notice: f.notice } : {}) };
  }
  return undefined;
}
