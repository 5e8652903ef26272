import type { Fulfilment, FulfilmentMode } from '../fulfilment';
import type { CaseFile } from '../lifecycle-file';
import type { LifecycleConfig } from '../config/lifecycle-config';
import { addDays } from '../time';

/**
 * Fulfilment as recorded at settlement: due date from the mode's default (or the given one) and
 * follow-up visits at the mode's configured days. On the spot is fulfilled at once; a settlement
 * that goes straight to enforcement starts in `enforcement`.
 */
export function startFulfilment(mode: FulfilmentMode, settledAt: string, config: LifecycleConfig, dueAt?: string): Fulfilment {
  const due = dueAt ?? addDays(settledAt, config.fulfilment.dueDays[mode]);
  const followUps = config.fulfilment.followUpDays[mode].map((d) => ({ at: addDays(settledAt, d), done: false }));
  if (mode === 'on_the_spot') return { mode, dueAt: due, followUps, status: 'fulfilled', fulfilledAt: settledAt };
  if (mode === 'enforcement') return { mode, dueAt: due, followUps, status: 'enforcement', enforcementAt: settledAt };
  return { mode, dueAt: due, followUps, status: 'pending' };
}

export type FulfilmentUpdate =
  | { readonly kind: 'fulfilled' }
  /** A party reneged: the case goes to the court for compulsory enforcement. */
  | { readonly kind: 'reneged' }
  /** A follow-up visit was made (the earliest open one is marked done). */
  | { readonly kind: 'follow_up_done' }
  /** Confirmation applied for at court inside the window. */
  | { readonly kind: 'confirmation_applied' };

export type FulfilmentOutcome =
  | { readonly status: 'ok'; readonly file: CaseFile }
  | {
      readonly status: 'rejected';
      readonly code: 'not_settled' | 'already_closed' | 'no_open_follow_up' | 'window_closed';
      readonly message: string;
    };

/** Applies a fulfilment update to a settled case's file. */
export function updateFulfilment(file: CaseFile, update: FulfilmentUpdate, now: Date): FulfilmentOutcome {
  const next = structuredClone(file);
  const { settlement, fulfilment: f } = next;
  if (!settlement || !f) return { status: 'rejected', code: 'not_settled', message: 'the case has no settlement' };
  const at = now.toISOString();
  const closed = f.status === 'fulfilled' || f.status === 'enforcement';
  switch (update.kind) {
    case 'fulfilled':
      if (closed) return { status: 'rejected', code: 'already_closed', message: `fulfilment is already ${f.status}` };
      f.status = 'fulfilled';
      f.fulfilledAt = at;
      break;
    case 'reneged':
      if (closed) return { status: 'rejected', code: 'already_closed', message: `fulfilment is already ${f.status}` };
      f.status = 'enforcement';
      f.enforcementAt = at;
      break;
    case 'follow_up_done': {
      const open = f.followUps.find((v) => !v.done);
      if (!open) return { status: 'rejected', code: 'no_open_follow_up', message: 'no follow-up visit is open' };
      open.done = true;
      break;
    }
    case 'confirmation_applied':
      if (now.getTime() > Date.parse(settlement.confirmationWindowEndsAt)) {
        return { status: 'rejected', code: 'window_closed', message: 'the 30-day window for judicial confirmation has closed' };
      }
      settlement.confirmationAppliedAt = at;
      break;
  }
  next.version += 1;
  return { status: 'ok', file: next };
}
