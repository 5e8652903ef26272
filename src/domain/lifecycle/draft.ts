import type { CaseStatus } from '../case';
import { nextState, type LifecycleAction, type TransitionOutcome } from './state-machine';
import { currentAttempt, type Attempt, type CaseFile } from '../lifecycle-file';
import type { LifecycleEvent } from '../lifecycle-event';
import type { LifecycleConfig } from '../config/lifecycle-config';

/** Who acts, when, under which configuration. */
export interface ActContext {
  /** Actor label for the history (`dispatcher@shandan`, `optimizer`, `clock`). */
  readonly by: string;
  readonly now: Date;
  readonly config: LifecycleConfig;
}

/** Thrown inside a handler to abort with an illegal-transition outcome (caught by `act`). */
export class IllegalTransition extends Error {
  constructor(readonly outcome: Extract<TransitionOutcome, { status: 'illegal' }>) {
    super('illegal transition');
  }
}

/** Thrown inside a handler for a command that is legal in the state but not acceptable. */
export class RejectedCommand extends Error {
  constructor(
    readonly code: RejectionCode,
    override readonly message: string,
  ) {
    super(message);
  }
}

export type RejectionCode =
  | 'excluded_mediator'
  | 'not_assigned_mediator'
  | 'no_scheduled_session'
  | 'bad_session_time'
  | 'no_term'
  | 'consent_missing'
  | 'extension_cap';

/**
 * A working copy of a case file that handlers change step by step; every state change goes
 * through `step`, which checks the state machine and records who, when and why.
 */
export class Draft {
  readonly file: CaseFile;
  readonly events: LifecycleEvent[] = [];
  /** Mediators whose seats on the case ended (their open-case load drops by one). */
  readonly released: string[] = [];
  readonly at: string;

  constructor(
    original: CaseFile,
    readonly ctx: ActContext,
  ) {
    this.file = structuredClone(original);
    this.at = ctx.now.toISOString();
  }

  get attempt(): Attempt {
    return currentAttempt(this.file);
  }

  step(action: LifecycleAction, opts: { reason?: string; mediatorIds?: readonly string[]; by?: string } = {}): CaseStatus {
    const out = nextState(this.file.status, action);
    if (out.status === 'illegal') throw new IllegalTransition(out);
    const by = opts.by ?? this.ctx.by;
    this.file.history.push({
      from: out.from,
      to: out.to,
      action,
      by,
      at: this.at,
      ...(opts.reason !== undefined ? { reason: opts.reason } : {}),
      ...(opts.mediatorIds && opts.mediatorIds.length > 0 ? { mediatorIds: [...opts.mediatorIds] } : {}),
    });
    this.file.status = out.to;
    this.events.push({ type: 'case.transition', caseId: this.file.caseId, at: this.at, from: out.from, to: out.to, action, by });
    return out.to;
  }

  /** Ends the current attempt's seats: excluded from future dispatch when `exclude`, load released. */
  releaseSeats(exclude: boolean): void {
    const seats = this.attempt.mediatorIds;
    this.released.push(...seats);
    if (exclude) {
      for (const m of seats) if (!this.file.excludedMediatorIds.includes(m)) this.file.excludedMediatorIds.push(m);
    }
  }

  /** Cancels the sessions still scheduled in the current attempt. */
  cancelScheduledSessions(reason: string): void {
    for (const s of this.file.sessions) {
      if (s.status === 'scheduled') {
        s.status = 'cancelled';
        s.cancelReason = reason;
      }
    }
  }

  /** Ends the current attempt with an outcome, unless it already ended. */
  endAttempt(outcome: NonNullable<Attempt['outcome']>): void {
    const a = this.attempt;
    if (a.outcome) return;
    a.outcome = outcome;
    a.endedAt = this.at;
  }

  finish(): CaseFile {
    this.file.version += 1;
    return this.file;
  }
}
