import type { Case, CaseStatus, Mediator } from '../../domain';
import { DAY_MS, HOUR_MS } from '../../domain/time';

/**
 * Who may move and at what price: the rules of the nightly rebalance, one named function each.
 * A case may move while its mediator has not started on it — `assigned` (not yet accepted) or
 * `accepted` (not yet in session), the latter at a higher price since the mediator may already
 * have called the parties. A scheduled session or a mediation under way is started work, and a
 * dispatcher's manual choice is pinned: neither ever moves.
 */
export interface StabilityPolicy {
  /** Cost of moving a seat whose mediator has not accepted yet, in cost-model units (1 = one km of travel with the bundled weights). @defaultValue 1 */
  readonly movePenalty: number;
  /** Cost of moving a seat the mediator has accepted. @defaultValue 3 */
  readonly acceptedMovePenalty: number;
  /** A leave starting within this many hours from the run forces the mediator's movable cases away. @defaultValue 24 */
  readonly leaveHorizonHours: number;
  /** Most discretionary moves into or out of one mediator per run; unset = no cap. @defaultValue undefined */
  readonly maxMovesPerMediator?: number;
  /**
   * Most discretionary moves in one run, county-wide (forced moves are not counted); met by raising
   * every move's penalty by the least amount that does it (`planWithinMoveBudget`). Unset = no budget.
   * @defaultValue undefined
   */
  readonly maxMoves?: number;
  /** Hours east of UTC of the county's clock, for weekdays and session times. @defaultValue 8 (Asia/Shanghai) */
  readonly utcOffsetHours: number;
  /** How far ahead a first session is looked for, in days. @defaultValue 60 */
  readonly sessionLookaheadDays: number;
}

export const DEFAULT_STABILITY_POLICY: StabilityPolicy = {
  movePenalty: 1,
  acceptedMovePenalty: 3,
  leaveHorizonHours: 24,
  utcOffsetHours: 8,
  sessionLookaheadDays: 60,
};

/** Statuses whose mediator has not started: the case may move, at the price of its status. */
export const MOVABLE_STATUSES: readonly CaseStatus[] = ['assigned', 'accepted'];

/** Open statuses whose mediator has started work: the case stays. */
export const STARTED_STATUSES: readonly CaseStatus[] = ['session_scheduled', 'mediating'];

export type Mobility =
  { readonly kind: 'movable'; readonly penalty: number } | { readonly kind: 'fixed'; readonly why: 'started' | 'pinned' | 'not_assigned' };

/** A dispatcher's manual choice is pinned. */
export function isPinned(c: Pick<Case, 'assignment'>): boolean {
  return c.assignment?.by === 'dispatcher';
}

/** May this case move tonight, and at what price per seat? */
export function mobilityOf(c: Pick<Case, 'status' | 'assignment'>, policy: StabilityPolicy): Mobility {
  if (!c.assignment) return { kind: 'fixed', why: 'not_assigned' };
  if (STARTED_STATUSES.includes(c.status)) return { kind: 'fixed', why: 'started' };
  if (!MOVABLE_STATUSES.includes(c.status)) return { kind: 'fixed', why: 'not_assigned' };
  if (isPinned(c)) return { kind: 'fixed', why: 'pinned' };
  return { kind: 'movable', penalty: c.status === 'accepted' ? policy.acceptedMovePenalty : policy.movePenalty };
}

/** [from, until] of a leave period in epoch ms; a bare date as `until` covers that whole day. */
function leaveSpan(p: Mediator['leave'][number]): [number, number] {
  return [Date.parse(p.from), Date.parse(p.until) + (p.until.length <= 10 ? DAY_MS - 1 : 0)];
}

/** On leave now, or a leave period overlapping the next `hours` hours. */
export function isOnLeaveWithin(m: Pick<Mediator, 'status' | 'leave'>, now: Date, hours: number): boolean {
  if (m.status === 'on_leave') return true;
  const start = now.getTime();
  const end = start + hours * HOUR_MS;
  return m.leave.some((p) => {
    const [from, until] = leaveSpan(p);
    return from <= end && until >= start;
  });
}

/** Session start hours (county clock) of the half-days. */
const HALF_START_HOUR = { am: 9, pm: 14 } as const;

/**
 * The earliest first session the mediator could hold: the next weekly half-day slot after `now`
 * not covered by leave (Monday–Friday, both halves, when availability is not stated). Null when
 * none falls within the look-ahead.
 */
export function earliestSession(
  m: Pick<Mediator, 'status' | 'leave' | 'availability'>,
  now: Date,
  policy: Pick<StabilityPolicy, 'utcOffsetHours' | 'sessionLookaheadDays'>,
): Date | null {
  if (m.status === 'on_leave') return null;
  const offset = policy.utcOffsetHours * HOUR_MS;
  const localNow = now.getTime() + offset;
  const dayStart = Math.floor(localNow / DAY_MS) * DAY_MS;
  const slots =
    m.availability.length > 0
      ? m.availability
      : [1, 2, 3, 4, 5].flatMap((weekday) => (['am', 'pm'] as const).map((half) => ({ weekday, half })));
  const spans = m.leave.map(leaveSpan);
  for (let d = 0; d <= policy.sessionLookaheadDays; d++) {
    const day = dayStart + d * DAY_MS;
    const weekday = ((new Date(day).getUTCDay() + 6) % 7) + 1; // 1 = Monday
    const starts = slots
      .filter((s) => s.weekday === weekday)
      .map((s) => day + HALF_START_HOUR[s.half] * HOUR_MS)
      .sort((a, b) => a - b);
    for (const localStart of starts) {
      if (localStart < localNow) continue;
      const utc = localStart - offset;
      if (spans.some(([from, until]) => utc >= from && utc <= until)) continue;
      return new Date(utc);
    }
  }
  return null;
}

/** The mediator cannot hold a first session before the case's deadline. */
export function missesDeadline(earliest: Date | null, c: Pick<Case, 'deadlineAt'>): boolean {
  return earliest === null || earliest.getTime() > Date.parse(c.deadlineAt);
}
