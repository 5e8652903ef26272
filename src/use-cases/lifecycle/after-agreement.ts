import type { AgreementCommand } from '../../domain/agreement';
import type { ExtensionRequest, FollowUpRecord, Renege } from '../../domain/fulfilment';
import type { LifecycleConfig } from '../../domain/config/lifecycle-config';
import type { CaseFile } from '../../domain/lifecycle-file';
import { actOnAgreement } from '../../domain/lifecycle/agreement';
import type { AfterAgreementOutcome } from '../../domain/lifecycle/agreement-machine';
import { renege, updateFulfilment, type FulfilmentUpdate } from '../../domain/lifecycle/fulfilment';
import { extendFulfilment, recordFollowUp } from '../../domain/lifecycle/supervision';
import type { LifecycleStore } from './lifecycle-port';

export type AfterAgreementApplyOutcome =
  AfterAgreementOutcome | { readonly status: 'not_found' } | { readonly status: 'conflict'; readonly message: string };

/** Attempts at a compare-and-set before giving up (another writer kept changing the file). */
const CAS_ATTEMPTS = 3;

/** Loads the case file, applies a rule of the after-agreement, and commits it with its events (retrying on a concurrent change). */
async function commitChange(
  store: LifecycleStore,
  caseId: string,
  change: (file: CaseFile) => AfterAgreementOutcome,
): Promise<AfterAgreementApplyOutcome> {
  for (let i = 0; i < CAS_ATTEMPTS; i++) {
    const file = await store.getFile(caseId);
    if (!file) return { status: 'not_found' };
    const out = change(file);
    if (out.status !== 'ok') return out;
    const res = await store.commitFile(file.version, out.file, { events: out.events, released: [] });
    if (res === 'ok') return out;
    if (res === 'unknown_case') return { status: 'not_found' };
  }
  return { status: 'conflict', message: 'the case changed concurrently; try again' };
}

export interface AfterAgreementContext {
  readonly now: Date;
  readonly config: LifecycleConfig;
}

/** Judicial confirmation, arbitration, notarisation: apply, or record the decision on the active route. */
export function applyAgreementCommand(store: LifecycleStore, caseId: string, command: AgreementCommand, ctx: AfterAgreementContext) {
  return commitChange(store, caseId, (file) => actOnAgreement(file, command, ctx));
}

/** A party reneged: enforcement when the agreement has enforceable force, litigation otherwise. */
export function applyRenege(store: LifecycleStore, caseId: string, body: Renege, ctx: AfterAgreementContext) {
  return commitChange(store, caseId, (file) => renege(file, body, ctx.now));
}

/** Supervised fulfilment: an extended period with help. */
export function applyExtension(store: LifecycleStore, caseId: string, body: ExtensionRequest, ctx: AfterAgreementContext) {
  return commitChange(store, caseId, (file) => extendFulfilment(file, body, ctx.now, ctx.config));
}

/** Follow-up visit `n` (1-based) done or missed. */
export function applyFollowUp(store: LifecycleStore, caseId: string, n: number, body: FollowUpRecord, ctx: AfterAgreementContext) {
  return commitChange(store, caseId, (file) => recordFollowUp(file, n, body, ctx.now));
}

/** The older POST /v1/cases/:id/fulfilment updates, by the same rules. */
export function applyFulfilment(store: LifecycleStore, caseId: string, update: FulfilmentUpdate, ctx: AfterAgreementContext) {
  return commitChange(store, caseId, (file) => updateFulfilment(file, update, ctx.now, ctx.config));
}
