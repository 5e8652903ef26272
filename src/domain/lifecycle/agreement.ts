import { ENFORCEABLE_STATUSES, type AgreementCommand, type AgreementRouteKind } from '../agreement';
import type { LifecycleConfig } from '../config/lifecycle-config';
import type { CaseFile } from '../lifecycle-file';
import type { LifecycleEvent } from '../lifecycle-event';
import { addDays, DAY_MS } from '../time';
import { activeRoute, allowedAgreementActions, nextRouteStatus, type AfterAgreementOutcome } from './agreement-machine';

export interface AgreementContext {
  readonly now: Date;
  readonly config: LifecycleConfig;
}

/**
 * Applies a command to the routes after a case's agreement: opens a route (judicial confirmation
 * only inside the window after the agreement took effect) or records the decision on the active
 * one. The input file is never changed.
 */
export function actOnAgreement(file: CaseFile, command: AgreementCommand, ctx: AgreementContext): AfterAgreementOutcome {
  if (!file.settlement) return { status: 'rejected', code: 'not_settled', message: 'the case has no agreement' };
  const allowed = allowedAgreementActions(file);
  if (!allowed.includes(command.action)) {
    const active = activeRoute(file.settlement);
    const current = active ? `${active.kind}:${active.status}` : `fulfilment:${file.fulfilment?.status ?? 'none'}`;
    return { status: 'illegal', action: command.action, current, allowed };
  }
  const at = command.at ?? ctx.now.toISOString();
  return command.action === 'apply' ? applyRoute(file, command.route, at, ctx.config) : decide(file, command.action, at);
}

function applyRoute(file: CaseFile, kind: AgreementRouteKind, at: string, config: LifecycleConfig): AfterAgreementOutcome {
  const next = structuredClone(file);
  const settlement = next.settlement;
  if (!settlement) return { status: 'rejected', code: 'not_settled', message: 'the case has no agreement' };
  if (Date.parse(at) < Date.parse(settlement.at)) {
    return { status: 'invalid', field: 'body.at', reason: `the application cannot precede the agreement (${settlement.at})` };
  }
  // The 30-day window is the law's for judicial confirmation; arbitration and notarisation have their own rules.
  if (kind === 'judicial_confirmation' && Date.parse(at) > Date.parse(settlement.confirmationWindowEndsAt)) {
    const days = Math.floor((Date.parse(at) - Date.parse(settlement.at)) / DAY_MS);
    return {
      status: 'rejected',
      code: 'window_closed',
      message:
        `judicial confirmation must be applied for within ${config.confirmationWindowDays} days of the agreement taking effect ` +
        `(until ${settlement.confirmationWindowEndsAt}); this application is on day ${days}`,
    };
  }
  const judicial = kind === 'judicial_confirmation';
  settlement.routes = [
    ...(settlement.routes ?? []),
    { kind, status: 'applied', appliedAt: at, ...(judicial ? { acceptanceDueAt: addDays(at, config.confirmationAcceptanceDays) } : {}) },
  ];
  if (judicial) settlement.confirmationAppliedAt ??= at;
  next.version += 1;
  return { status: 'ok', file: next, events: [{ type: 'agreement.applied', caseId: file.caseId, at, route: kind }] };
}

function decide(file: CaseFile, action: Exclude<AgreementCommand['action'], 'apply'>, at: string): AfterAgreementOutcome {
  const next = structuredClone(file);
  const route = activeRoute(next.settlement);
  const to = route ? nextRouteStatus(route, action) : undefined;
  // allowedAgreementActions already checked the edge; this keeps the compiler and a future edit honest.
  if (!route || !to) return { status: 'illegal', action, current: 'none', allowed: allowedAgreementActions(file) };
  if (Date.parse(at) < Date.parse(route.appliedAt)) {
    return { status: 'invalid', field: 'body.at', reason: `the decision cannot precede the application (${route.appliedAt})` };
  }
  route.status = to;
  if (action === 'accept' || action === 'not_accept') route.acceptanceDecidedAt = at;
  else route.decidedAt = at;
  next.version += 1;
  const base = { caseId: file.caseId, at, route: route.kind } as const;
  let event: LifecycleEvent;
  if (to === 'accepted') event = { type: 'agreement.accepted', ...base };
  else if (ENFORCEABLE_STATUSES.includes(to)) event = { type: 'agreement.confirmed', ...base, routeStatus: to };
  else event = { type: 'agreement.rejected', ...base, routeStatus: to };
  return { status: 'ok', file: next, events: [event] };
}
