import { z } from 'zod';
import { DepartmentIdSchema } from '../config/departments-config';
import { InstantSchema } from '../instant';
import { LIMITS } from '../limits';
import { IdentifierSchema, ServiceIdSchema } from '../party-identifier';
import { ActorSchema } from '../lifecycle/state-machine';

/**
 * A summons (中心吹哨、部门报到): the centre calls one department to a case, for a reason, to arrive
 * by `requiredBy`. Its life:
 *
 *   issued ─acknowledge→ acknowledged ─check_in→ checked_in   (on time iff arrivedAt ≤ requiredBy)
 *   issued ─check_in→ checked_in                             (a department may arrive unannounced)
 *   issued | acknowledged ─miss→ missed                      (the clock, requiredBy + grace without check-in)
 *   issued | acknowledged ─cancel→ cancelled
 */
export const SUMMONS_STATUSES = ['issued', 'acknowledged', 'checked_in', 'missed', 'cancelled'] as const;
export const SummonsStatusSchema = z.enum(SUMMONS_STATUSES);
export type SummonsStatus = z.infer<typeof SummonsStatusSchema>;

export const SUMMONS_ACTIONS = ['acknowledge', 'check_in', 'cancel', 'miss'] as const;
export const SummonsActionSchema = z.enum(SUMMONS_ACTIONS);
export type SummonsAction = z.infer<typeof SummonsActionSchema>;

/** Most departments summoned by one request. */
export const MAX_DEPARTMENTS_PER_SUMMONS = 20;
/** Longest reason of a summons (it names the matter, never a party). */
export const SUMMONS_REASON_MAX = 500;

/**
 * Why an open summons follows its case into `cancelled` (the legal clock, instead of a reminder or a
 * miss, or the case transition itself): its case closed before the department was due, or the
 * session it was summoned to was cancelled.
 */
export const SUMMONS_CANCEL_CAUSES = ['case_closed', 'session_cancelled'] as const;
export const SummonsCancelCauseSchema = z.enum(SUMMONS_CANCEL_CAUSES);
export type SummonsCancelCause = z.infer<typeof SummonsCancelCauseSchema>;

/** Who a missed summons is escalated to: the centre's director. */
export const ESCALATION_ROLE = 'director';

/** One recorded transition: who, when. */
export const SummonsTransitionSchema = z.strictObject({
  from: SummonsStatusSchema,
  to: SummonsStatusSchema,
  action: SummonsActionSchema,
  by: ActorSchema,
  at: InstantSchema,
});

export const SummonsSchema = z
  .strictObject({
    id: ServiceIdSchema,
    caseId: IdentifierSchema,
    /** The session the department is summoned to, when there is one. */
    sessionId: IdentifierSchema.optional(),
    department: DepartmentIdSchema,
    reason: z.string().min(1).max(SUMMONS_REASON_MAX),
    requiredBy: InstantSchema,
    issuedBy: ActorSchema,
    issuedAt: InstantSchema,
    status: SummonsStatusSchema,
    acknowledgedAt: InstantSchema.optional(),
    /** When the department arrived (checked_in only). */
    arrivedAt: InstantSchema.optional(),
    /** checked_in only: arrivedAt ≤ requiredBy. */
    onTime: z.boolean().optional(),
    /** Reminders already raised, by hours before requiredBy (each fires once). */
    remindedHours: z.array(z.number().int()).max(10),
    /** A missed summons: to whom and when it was escalated. */
    escalation: z.strictObject({ to: z.literal(ESCALATION_ROLE), at: InstantSchema }).optional(),
    cancelReason: z.string().max(LIMITS.freeText).optional(),
    history: z.array(SummonsTransitionSchema).max(10),
    /** Bumped by every write: the store's compare-and-set. */
    version: z.number().int().min(0),
  })
  .meta({ id: 'Summons' });
export type Summons = z.infer<typeof SummonsSchema>;

/** The state-changing edges: action → (from → to). */
const EDGES: Readonly<Record<SummonsAction, Partial<Record<SummonsStatus, SummonsStatus>>>> = {
  acknowledge: { issued: 'acknowledged' },
  check_in: { issued: 'checked_in', acknowledged: 'checked_in' },
  cancel: { issued: 'cancelled', acknowledged: 'cancelled' },
  miss: { issued: 'missed', acknowledged: 'missed' },
};

/** Actions only the clock takes: never requested through the API. */
const CLOCK_ACTIONS: readonly SummonsAction[] = ['miss'];

/** Open = the department is still expected (issued or acknowledged). */
export function isSummonsOpen(status: SummonsStatus): boolean {
  return status === 'issued' || status === 'acknowledged';
}

/** What a caller may ask for from a state (the clock's `miss` is not offered). */
export function requestableSummonsActions(from: SummonsStatus): SummonsAction[] {
  return SUMMONS_ACTIONS.filter((a) => EDGES[a][from] !== undefined && !CLOCK_ACTIONS.includes(a));
}

export type SummonsStep =
  | { readonly status: 'ok'; readonly summons: Summons }
  | {
      readonly status: 'illegal';
      readonly from: SummonsStatus;
      readonly action: SummonsAction;
      /** What the current state allows a caller, in SUMMONS_ACTIONS order. */
      readonly allowed: readonly SummonsAction[];
    };

/** What an action brings besides who and when. */
export interface SummonsActInput {
  readonly action: SummonsAction;
  readonly by: string;
  readonly at: Date;
  /** check_in: when the department arrived. @defaultValue `at` */
  readonly arrivedAt?: Date;
  /** cancel: why. */
  readonly reason?: string;
}

/**
 * Applies one action to a summons (the input is never changed). A check-in records the arrival and
 * whether it was on time (arrivedAt ≤ requiredBy); a miss records the escalation to the director.
 */
export function actOnSummons(s: Summons, input: SummonsActInput): SummonsStep {
  const to = EDGES[input.action][s.status];
  if (to === undefined) return { status: 'illegal', from: s.status, action: input.action, allowed: requestableSummonsActions(s.status) };
  const at = input.at.toISOString();
  const next: Summons = {
    ...s,
    status: to,
    history: [...s.history, { from: s.status, to, action: input.action, by: input.by, at }],
    version: s.version + 1,
  };
  switch (input.action) {
    case 'acknowledge':
      return { status: 'ok', summons: { ...next, acknowledgedAt: at } };
    case 'check_in': {
      const arrived = input.arrivedAt ?? input.at;
      return {
        status: 'ok',
        summons: { ...next, arrivedAt: arrived.toISOString(), onTime: arrived.getTime() <= Date.parse(s.requiredBy) },
      };
    }
    case 'cancel':
      return { status: 'ok', summons: input.reason === undefined ? next : { ...next, cancelReason: input.reason } };
    case 'miss':
      return { status: 'ok', summons: { ...next, escalation: { to: ESCALATION_ROLE, at } } };
  }
}

/** What issuing needs for one department. */
export interface NewSummons {
  readonly id: string;
  readonly caseId: string;
  readonly sessionId?: string | undefined;
  readonly department: string;
  readonly reason: string;
  readonly requiredBy: string;
  readonly issuedBy: string;
  readonly issuedAt: string;
}

/** A freshly issued summons (version 1). */
export function issuedSummons(n: NewSummons): Summons {
  return {
    id: n.id,
    caseId: n.caseId,
    ...(n.sessionId === undefined ? {} : { sessionId: n.sessionId }),
    department: n.department,
    reason: n.reason,
    requiredBy: n.requiredBy,
    issuedBy: n.issuedBy,
    issuedAt: n.issuedAt,
    status: 'issued',
    remindedHours: [],
    history: [],
    version: 1,
  };
}
