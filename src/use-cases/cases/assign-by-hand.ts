import type { Assignment, Case, CaseStatus } from '../../domain';
import { WAITING_STATUSES } from '../../domain/case';
import type { DispatchConfig } from '../../domain/config/load';
import type { LifecycleConfig } from '../../domain/config/lifecycle-config';
import { reconcileWithCase } from '../../domain/lifecycle/reconcile';
import type { StoreSnapshot } from '../../cost-model/build-problem';
import type { RuleViolation } from '../../cost-model/candidates';
import type { AuditLog } from '../audit/audit-log';
import { checkPin } from '../candidates/rank-candidates';
import { panelOf } from '../../cost-model/eligibility';
import type { CommitRefusalReason, DispatchStore } from '../dispatch/dispatch-port';
import { readSnapshot } from '../dispatch/read-snapshot';
import type { StoredLifecycle } from '../rebalance/rebalance-port';
import { movedLifecycleFile } from '../rebalance/reassign-files';
import type { CaseReassignStore, ReassignCommitRefusal } from './reassign-port';

/** Assigned but not yet in mediation: a dispatcher may move the case to other mediators. */
export const REASSIGNABLE_STATUSES: readonly CaseStatus[] = ['assigned', 'accepted', 'session_scheduled'];

/** Not assigned yet: waiting, held for a dispatcher, or proposed (dispatch modes). A pin takes these through dispatch's commit. */
export const PINNABLE_STATUSES: readonly CaseStatus[] = [...WAITING_STATUSES, 'held', 'proposed'];

/** Every status a dispatcher may assign by hand from: not assigned yet (a pin) or assigned, not yet in mediation (a reassignment). */
export const HAND_ASSIGNABLE_STATUSES: readonly CaseStatus[] = [...PINNABLE_STATUSES, ...REASSIGNABLE_STATUSES];

export interface HandChoice {
  /** One mediator per seat, in seat order. */
  readonly mediatorIds: readonly string[];
  /** Accept a choice that breaks the hard rules (never capacity). */
  readonly force: boolean;
  /** Why; required with force. */
  readonly reason?: string;
}

export interface HandAssignDeps {
  readonly dispatch: DispatchStore;
  readonly reassign: CaseReassignStore;
  readonly audit: AuditLog;
  readonly config: DispatchConfig;
  readonly lifecycle: LifecycleConfig;
  /** The caller's label (history, event, audit). */
  readonly by: string;
  readonly now: Date;
}

export type HandAssignOutcome =
  | { readonly status: 'pinned' | 'reassigned' }
  /** The case is in mediation or closed (or declined and waiting for its re-dispatch). */
  | { readonly status: 'not_movable'; readonly current: CaseStatus }
  /** `hard`: refused even with force (seat count, unknown mediator). */
  | { readonly status: 'rule_broken'; readonly violations: readonly RuleViolation[]; readonly hard: boolean }
  /** The case already has exactly these mediators, pinned. */
  | { readonly status: 'unchanged' }
  /** The store refused: the case changed since it was read (a dispatch or another dispatcher won), or a mediator cannot take it. */
  | { readonly status: 'refused'; readonly reason: CommitRefusalReason | ReassignCommitRefusal; readonly mediatorId?: string };

const HARD_RULES = new Set(['seat_count', 'unknown_mediator']);

/**
 * A dispatcher's choice of mediators for a case — the last word, before, during or after automatic
 * dispatch. A waiting case is pinned through dispatch's own commit; an assigned case not yet in
 * mediation is reassigned in one atomic step (loads, record, file, history, event). Both check the
 * hard rules as a pin does (`force` with a reason overrides them, audited; capacity never), both
 * leave the case pinned (`by: 'dispatcher'`: the rebalance leaves it alone), and both are
 * compare-and-set against what was read: a concurrent dispatch or move makes exactly one win.
 */
export async function assignByHand(c: Case, choice: HandChoice, deps: HandAssignDeps): Promise<HandAssignOutcome> {
  if (!HAND_ASSIGNABLE_STATUSES.includes(c.status)) return { status: 'not_movable', current: c.status };
  const snap = withoutOwnSeats(await readSnapshot(deps.dispatch), c);
  const { violations, seats } = checkPin(c, choice.mediatorIds, snap, deps.config, deps.now);
  const hard = violations.some((v) => HARD_RULES.has(v.rule));
  const panel = panelOf(c);
  if (hard || (violations.length > 0 && !choice.force)) return { status: 'rule_broken', violations, hard };
  const assignment: Assignment = {
    mediatorIds: [...choice.mediatorIds],
    seats,
    cost: seats.reduce((a, x) => a + x.cost, 0),
    assignedAt: deps.now.toISOString(),
    by: 'dispatcher',
    // A major case's panel plan stays with it when a dispatcher picks the members (issue 17).
    ...(panel ? { panel } : {}),
  };
  const done = PINNABLE_STATUSES.includes(c.status) ? await pin(c, assignment, deps) : await reassign(c, assignment, choice, deps);
  if (done.status !== 'pinned' && done.status !== 'reassigned') return done;
  await deps.audit.append({
    action: done.status === 'pinned' ? 'pin' : 'reassign',
    caseId: c.id,
    mediatorIds: choice.mediatorIds,
    ...(done.status === 'reassigned' && c.assignment ? { fromMediatorIds: c.assignment.mediatorIds } : {}),
    by: deps.by,
    force: choice.force,
    ...(choice.reason ? { reason: choice.reason } : {}),
    ...(violations.length ? { violations } : {}),
  });
  return done;
}

/** Loads as they would be without this case: a mediator who stays on it is not at capacity because of it. */
function withoutOwnSeats(snap: StoreSnapshot, c: Case): StoreSnapshot {
  const own = c.assignment?.mediatorIds ?? [];
  if (own.length === 0) return snap;
  const loads = new Map(snap.loads);
  for (const id of own) loads.set(id, Math.max(0, (loads.get(id) ?? 0) - 1));
  return { ...snap, loads };
}

async function pin(c: Case, assignment: Assignment, deps: HandAssignDeps): Promise<HandAssignOutcome> {
  const result = await deps.dispatch.commitAssignments([{ caseId: c.id, assignment }]);
  const refusal = result.refused[0];
  if (!refusal) return { status: 'pinned' };
  // `already_assigned`: dispatch committed the case between our read and our write.
  const reason = refusal.reason === 'already_assigned' ? 'changed' : refusal.reason;
  return { status: 'refused', reason, ...(refusal.mediatorId ? { mediatorId: refusal.mediatorId } : {}) };
}

/** The file as the lifecycle sees it (brought up to date with the record), with the stored version kept for the check. */
function reconciled(stored: StoredLifecycle | undefined, c: Case, config: LifecycleConfig): StoredLifecycle | undefined {
  if (stored?.kind !== 'file') return stored;
  return { ...stored, file: reconcileWithCase(stored.file, c, config) };
}

async function reassign(c: Case, assignment: Assignment, choice: HandChoice, deps: HandAssignDeps): Promise<HandAssignOutcome> {
  const before = c.assignment?.mediatorIds ?? [];
  const same = before.length === choice.mediatorIds.length && before.every((id, i) => id === choice.mediatorIds[i]);
  if (same && c.assignment?.by === 'dispatcher') return { status: 'unchanged' };
  const moves = before.flatMap((from, i) => {
    const to = choice.mediatorIds[i];
    const role = assignment.seats[i]?.role ?? c.assignment?.seats[i]?.role ?? '';
    return to !== undefined && to !== from ? [{ role, from, to, reason: 'dispatcher' as const }] : [];
  });
  const changes = moves.map(({ from, to, reason }) => ({ from, to, reason }));
  const at = deps.now.toISOString();
  const meta = { at, by: deps.by, dispatcher: true as const, ...(choice.reason ? { reason: choice.reason } : {}) };
  const stored = reconciled(await deps.reassign.lifecycleFile(c.id), c, deps.lifecycle);
  const lifecycle = movedLifecycleFile(stored, changes, meta, deps.lifecycle);
  const result = await deps.reassign.reassign({
    caseId: c.id,
    expectedStatus: c.status,
    expectedMediatorIds: before,
    assignment,
    status: lifecycle?.file.status ?? c.status,
    ...(lifecycle ? { lifecycle } : {}),
    event: {
      caseId: c.id,
      at,
      by: 'dispatcher',
      actor: deps.by,
      ...(choice.reason ? { reason: choice.reason } : {}),
      fromMediatorIds: before,
      mediatorIds: assignment.mediatorIds,
      moves,
    },
  });
  if (result.status === 'ok') return { status: 'reassigned' };
  return { status: 'refused', reason: result.reason, ...(result.mediatorId ? { mediatorId: result.mediatorId } : {}) };
}
