import type { ConsentAnswer } from '../../domain/consent';
import type { LifecycleConfig } from '../../domain/config/lifecycle-config';
import type { LifecycleStore } from './lifecycle-port';
import { applyCommand, type ApplyOutcome } from './lifecycle-commands';

export type ConsentOutcome = ApplyOutcome & {
  /** True when the case now waits for dispatch (consent given): the caller enqueues a dispatch. */
  readonly dispatch?: boolean;
};

/**
 * Records the parties' answer on a case awaiting consent (issue 16 — consent): given, the case
 * waits for dispatch with its legal clocks started now; refused, it returns to court with the
 * reason. Any other state is an illegal transition (only `awaiting_consent` takes an answer).
 */
export async function recordConsentAnswer(
  store: LifecycleStore,
  caseId: string,
  answer: ConsentAnswer,
  ctx: { readonly by: string; readonly now: Date; readonly config: LifecycleConfig },
): Promise<ConsentOutcome> {
  const out = await applyCommand(store, caseId, { action: 'record_consent', ...answer }, ctx);
  return out.status === 'ok' ? { ...out, dispatch: out.file.status === 'referred' } : out;
}
