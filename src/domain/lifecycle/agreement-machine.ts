import {
  ACTIVE_STATUSES,
  AGREEMENT_ACTIONS,
  ENFORCEABLE_STATUSES,
  type AgreementAction,
  type AgreementRoute,
  type AgreementRouteKind,
  type AgreementRouteStatus,
} from '../agreement';
import { CLOSED_FULFILMENT_STATUSES, type Fulfilment, type Settlement } from '../fulfilment';
import type { CaseFile } from '../lifecycle-file';
import type { LifecycleEvent } from '../lifecycle-event';

/**
 * The routes after an agreement as a state machine: the one place that knows which decision may
 * follow which status on which route (`apply` opens a route and is decided by `allowedAgreementActions`).
 *
 *   judicial_confirmation: applied ─accept→ accepted ─confirm→ confirmed | ─reject→ rejected
 *                          applied ─not_accept→ not_accepted
 *   arbitration:           applied ─award→ awarded | ─refuse→ refused
 *   notarisation:          applied ─notarise→ notarised | ─refuse→ refused
 */
type DecisionAction = Exclude<AgreementAction, 'apply'>;
type Edges = Partial<Record<AgreementRouteStatus, Partial<Record<DecisionAction, AgreementRouteStatus>>>>;

const EDGES: Readonly<Record<AgreementRouteKind, Edges>> = {
  judicial_confirmation: {
    applied: { accept: 'accepted', not_accept: 'not_accepted' },
    accepted: { confirm: 'confirmed', reject: 'rejected' },
  },
  arbitration: { applied: { award: 'awarded', refuse: 'refused' } },
  notarisation: { applied: { notarise: 'notarised', refuse: 'refused' } },
};

/** The route still waiting for a decision, if any (there is at most one). */
export function activeRoute(settlement: Settlement | null): AgreementRoute | undefined {
  return settlement?.routes?.find((r) => ACTIVE_STATUSES.includes(r.status));
}

/** The route that gave the agreement enforceable force, if any. */
export function enforceableRoute(settlement: Settlement | null): AgreementRoute | undefined {
  return settlement?.routes?.find((r) => ENFORCEABLE_STATUSES.includes(r.status));
}

/** The last route tried, if any. */
export function lastRoute(settlement: Settlement | null): AgreementRoute | undefined {
  const routes = settlement?.routes ?? [];
  return routes[routes.length - 1];
}

function fulfilmentClosed(f: Fulfilment | null): boolean {
  return f !== null && CLOSED_FULFILMENT_STATUSES.includes(f.status);
}

/**
 * What POST /v1/cases/{id}/agreement accepts now: the decisions of the active route; otherwise
 * `apply`, while the case is settled, its fulfilment still open and the agreement not yet enforceable.
 */
export function allowedAgreementActions(file: Pick<CaseFile, 'settlement' | 'fulfilment'>): AgreementAction[] {
  const { settlement, fulfilment } = file;
  if (!settlement) return [];
  const active = activeRoute(settlement);
  if (active) {
    const next = EDGES[active.kind][active.status] ?? {};
    return AGREEMENT_ACTIONS.filter((a) => a !== 'apply' && next[a] !== undefined);
  }
  if (fulfilmentClosed(fulfilment) || enforceableRoute(settlement)) return [];
  return ['apply'];
}

/** The status `action` leads to from the route's current status, or undefined when the machine has no such edge. */
export function nextRouteStatus(route: AgreementRoute, action: DecisionAction): AgreementRouteStatus | undefined {
  return EDGES[route.kind][route.status]?.[action];
}

/** What a command on the agreement or the fulfilment after it came to. */
export type AfterAgreementOutcome =
  | { readonly status: 'ok'; readonly file: CaseFile; readonly events: readonly LifecycleEvent[] }
  /** The action is not an edge from where things stand (HTTP 409 with `current` and `allowed`). */
  | { readonly status: 'illegal'; readonly action: string; readonly current: string; readonly allowed: readonly string[] }
  /** Legal here but refused by a rule (HTTP 409 with `reason` = code). */
  | { readonly status: 'rejected'; readonly code: AfterAgreementRejection; readonly message: string }
  /** A value of the request contradicts the case (HTTP 400 naming the field). */
  | { readonly status: 'invalid'; readonly field: string; readonly reason: string };

export type AfterAgreementRejection =
  'not_settled' | 'already_closed' | 'window_closed' | 'route_pending' | 'not_enforceable' | 'no_open_follow_up' | 'follow_up_recorded';
