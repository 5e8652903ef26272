/**
 * The case page's data as the API answers it (the parts the page reads) and the pure rules over it:
 * which legal clocks a case has, which mediators it names, whether a dispatcher may move it. No DOM,
 * no JSX: unit-tested in node.
 */

export interface ExplainedCandidate {
  readonly mediatorId: string;
  readonly total: number;
  readonly facts: {
    readonly tier: string;
    readonly township: string;
    readonly distanceKm: number;
    readonly proficiency: number;
    readonly load: number;
    readonly capacity: number;
    readonly predictedSuccess: number;
  };
}

export interface Explanation {
  readonly role: string;
  readonly chosen: ExplainedCandidate;
  readonly alternatives: readonly ExplainedCandidate[];
  /** In the language asked with `?lang=`. */
  readonly summary?: string;
  readonly reasons?: readonly string[];
  readonly text: string;
}

export interface Seat {
  readonly role: string;
  readonly mediatorId: string;
  readonly explanation?: Explanation;
}

/** GET /v1/cases/:id (party refs are in the reply but the page reads only their count). */
export interface CaseView {
  readonly id: string;
  readonly externalId: string;
  readonly status: string;
  readonly channel: string;
  readonly category: string;
  readonly class: string;
  readonly classSource?: 'given' | 'suggested';
  readonly township: string;
  readonly village: string;
  readonly referredAt: string;
  readonly deadlineAt: string;
  readonly amountYuan?: number;
  readonly parties?: readonly unknown[];
  readonly assignment?: {
    readonly mediatorIds: readonly string[];
    readonly seats: readonly Seat[];
    readonly assignedAt: string;
    readonly by: 'optimizer' | 'dispatcher';
  } | null;
  readonly unassignedReason?: string;
  readonly proposal?: { readonly mediatorIds: readonly string[]; readonly seats: readonly Seat[]; readonly expiresAt: string };
  /** A closed case past retention: only a compact record. */
  readonly archived?: true;
}

export interface HistoryEntry {
  readonly from: string;
  readonly to: string;
  readonly action: string;
  readonly by: string;
  readonly at: string;
  readonly reason?: string;
  readonly mediatorIds?: readonly string[];
  readonly fromMediatorIds?: readonly string[];
}

export interface SessionView {
  readonly id: string;
  readonly attempt: number;
  readonly first: boolean;
  readonly mediatorIds: readonly string[];
  readonly roomId: string;
  readonly start: string;
  readonly end: string;
  readonly status: 'scheduled' | 'held' | 'cancelled';
  readonly cancelReason?: string;
}

/** GET /v1/cases/:id/history. */
export interface CaseFileView {
  readonly status: string;
  readonly termEndsAt: string | null;
  readonly termExtensionDays: number;
  readonly attempts: readonly {
    readonly number: number;
    readonly class: string;
    readonly firstSessionTargetAt: string;
    readonly firstSessionAt?: string;
    readonly mediatorIds: readonly string[];
  }[];
  readonly sessions: readonly SessionView[];
  readonly settlement: {
    readonly at: string;
    readonly amountYuan: number;
    readonly termsRef: string;
    readonly confirmationWindowEndsAt: string;
    readonly confirmationAppliedAt?: string;
    /** Issue 17: judicial confirmation, arbitration, notarisation — every route tried, oldest first. */
    readonly routes?: readonly AgreementRouteView[];
  } | null;
  readonly fulfilment: {
    readonly mode: string;
    readonly dueAt: string;
    readonly status: 'pending' | 'overdue' | 'fulfilled' | 'enforcement' | 'litigation';
    readonly followUps: readonly { readonly at: string; readonly done: boolean }[];
    readonly fulfilledAt?: string;
    readonly enforcementAt?: string;
    // issue 17 — after the agreement
    readonly renegedAt?: string;
    readonly enforcementBasis?: 'judicial_confirmation' | 'arbitral_award' | 'notarised_deed';
    readonly litigationAt?: string;
    /** How and when the parties were told they can only sue (channel and date; no party data). */
    readonly notice?: { readonly at: string; readonly channel: string };
    readonly extensions?: readonly {
      readonly at: string;
      readonly previousDueAt: string;
      readonly dueAt: string;
      readonly assistance: string;
      readonly by: string;
    }[];
  } | null;
  readonly history: readonly HistoryEntry[];
  readonly consent?: { readonly given: boolean; readonly at: string };
  /** What POST /v1/cases/:id/agreement accepts now (issue 17). */
  readonly agreementActions?: readonly string[];
}

/** One route after the agreement, as the settlement records it (dates only). */
export interface AgreementRouteView {
  readonly kind: string;
  readonly status: string;
  readonly appliedAt: string;
  readonly acceptanceDueAt?: string;
  readonly acceptanceDecidedAt?: string;
  readonly decidedAt?: string;
}

/** POST /v1/cases/:id/candidates. */
export interface CandidatesView {
  readonly seats: readonly {
    readonly role: string;
    readonly candidates: readonly (ExplainedCandidate & {
      readonly current: boolean;
      readonly mediator: { readonly name: string; readonly tier: string };
      readonly summary: string;
      readonly reasons: readonly string[];
    })[];
  }[];
  readonly excluded: { readonly reason: string; readonly detail: string } | null;
}

/** GET /v1/mediators/:id (the parts the page shows). */
export interface MediatorView {
  readonly id: string;
  readonly name: string;
  readonly tier: string;
  readonly load: number;
  readonly capacity: number;
}

/** The kinds of legal clock a case can have; each is a word in text.ts (`clock…`). */
export type ClockKind = 'deadline' | 'term' | 'firstSession' | 'proposal' | 'confirmation' | 'fulfilment' | 'followUp';

export interface Clock {
  readonly kind: ClockKind;
  readonly at: string;
  /** When it was met (the first session held, confirmation applied, fulfilled…); absent while it runs. */
  readonly metAt?: string;
  /** `term`: days it was extended by. */
  readonly extendedDays?: number;
}

const CLOSED = new Set(['settled', 'returned_to_court', 'withdrawn']);

/** True when no action moves the case any more. */
export const isClosed = (status: string): boolean => CLOSED.has(status);

/** Statuses from which a dispatcher may assign by hand (POST /v1/cases/:id/assignment). */
const HAND_ASSIGNABLE = new Set(['referred', 'unassigned', 'held', 'proposed', 'assigned', 'accepted', 'session_scheduled']);

export const canAssignByHand = (status: string): boolean => HAND_ASSIGNABLE.has(status);

/**
 * Every legal clock of the case, in the order of its life: the case deadline, the pre-litigation
 * term, the current attempt's first-session target, a proposal's automatic commit, and after a
 * settlement the judicial-confirmation window, the fulfilment due date and the follow-up visits.
 */
export function clocksOf(c: CaseView, file: CaseFileView | undefined): Clock[] {
  const closedAt = isClosed(c.status) ? file?.history.at(-1)?.at : undefined;
  const clocks: Clock[] = [{ kind: 'deadline', at: c.deadlineAt, ...(closedAt ? { metAt: closedAt } : {}) }];
  if (file?.termEndsAt) {
    clocks.push({
      kind: 'term',
      at: file.termEndsAt,
      ...(closedAt ? { metAt: closedAt } : {}),
      ...(file.termExtensionDays > 0 ? { extendedDays: file.termExtensionDays } : {}),
    });
  }
  const attempt = file?.attempts.at(-1);
  if (attempt && (attempt.firstSessionAt || !isClosed(c.status))) {
    clocks.push({
      kind: 'firstSession',
      at: attempt.firstSessionTargetAt,
      ...(attempt.firstSessionAt ? { metAt: attempt.firstSessionAt } : {}),
    });
  }
  if (c.status === 'proposed' && c.proposal) clocks.push({ kind: 'proposal', at: c.proposal.expiresAt });
  const s = file?.settlement;
  if (s) {
    clocks.push({
      kind: 'confirmation',
      at: s.confirmationWindowEndsAt,
      ...(s.confirmationAppliedAt ? { metAt: s.confirmationAppliedAt } : {}),
    });
  }
  const f = file?.fulfilment;
  if (f) {
    const settledOtherwise = f.status === 'enforcement' ? f.enforcementAt : f.status === 'litigation' ? f.litigationAt : undefined;
    const metAt = f.fulfilledAt ?? settledOtherwise;
    clocks.push({ kind: 'fulfilment', at: f.dueAt, ...(metAt ? { metAt } : {}) });
    for (const v of f.followUps) clocks.push({ kind: 'followUp', at: v.at, ...(v.done ? { metAt: v.at } : {}) });
  }
  return clocks;
}

/** Every mediator the page names: seats, proposal, runners-up, history entries and sessions (first seen first). */
export function mediatorsNamed(c: CaseView, file: CaseFileView | undefined): string[] {
  const ids = new Set<string>();
  const add = (list: readonly string[] | undefined) => list?.forEach((id) => ids.add(id));
  add(c.assignment?.mediatorIds);
  add(c.proposal?.mediatorIds);
  for (const seat of c.assignment?.seats ?? []) add(seat.explanation?.alternatives.map((a) => a.mediatorId));
  for (const e of file?.history ?? []) {
    add(e.mediatorIds);
    add(e.fromMediatorIds);
  }
  for (const s of file?.sessions ?? []) add(s.mediatorIds);
  return [...ids];
}
