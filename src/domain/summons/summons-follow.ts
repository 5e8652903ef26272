import type { CaseStatus } from '../case';
import type { Session } from '../session';
import { actOnSummons, type Summons, type SummonsCancelCause } from './summons';
import type { SummonsTickOutcome } from './summons-clock';
import { summonsEventBase } from './summons-event';

/** What the summons clock reads of a summons's case: its status, when it closed, and its sessions. */
export interface SummonsCaseStanding {
  readonly caseStatus: CaseStatus;
  /** When the case reached its terminal status (settled, returned to court, withdrawn); absent while it is open. */
  readonly closedAt?: string;
  /** The status of each session of the case, by session id. */
  readonly sessions: Readonly<Record<string, Session['status']>>;
}

/**
 * Why a summons no longer stands, or null while it does: its case closed before `requiredBy` (a
 * case that closes after the department was due — settled at the end of the session it missed —
 * keeps the miss), or its session was cancelled (also by a reschedule or a reassignment: the
 * session it named never took place). An unknown case (null standing) keeps the summons as it is.
 */
export function summonsCancelCause(s: Summons, standing: SummonsCaseStanding | null): SummonsCancelCause | null {
  if (!standing) return null;
  if (standing.closedAt !== undefined && Date.parse(standing.closedAt) < Date.parse(s.requiredBy)) return 'case_closed';
  if (s.sessionId !== undefined && standing.sessions[s.sessionId] === 'cancelled') return 'session_cancelled';
  return null;
}

/**
 * Cancels an open summons that no longer stands, the cause as its reason and on the
 * `summons.cancelled` event: no reminder, no miss, no escalation. `by` is `clock` for the legal
 * clock, or whoever's case transition closed the case. Unchanged when the summons is no longer open.
 */
export function cancelFollowingCase(s: Summons, cause: SummonsCancelCause, by: string, now: Date): SummonsTickOutcome {
  const step = actOnSummons(s, { action: 'cancel', by, at: now, reason: cause });
  if (step.status !== 'ok') return { summons: s, events: [], changed: false };
  return {
    summons: step.summons,
    events: [{ type: 'summons.cancelled', ...summonsEventBase(s, now), actor: by, cause }],
    changed: true,
  };
}
