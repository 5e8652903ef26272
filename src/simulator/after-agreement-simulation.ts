import type { CaseFile } from '../domain/lifecycle-file';
import type { LifecycleConfig } from '../domain/config/lifecycle-config';
import type { Rng } from '../domain/random';
import { DAY_MS } from '../domain/time';
import type { LifecycleStore } from '../use-cases/lifecycle/lifecycle-port';
import { applyAgreementCommand, applyExtension, applyFulfilment, applyRenege } from '../use-cases/lifecycle/after-agreement';
import type { FulfilmentParams } from './fulfilment-params';
import { drawConfirmation, drawFulfilment } from './lifecycle-draws';

/** Puts a task on the simulation's timeline. */
export type Schedule = (at: number, run: () => Promise<unknown>) => void;

/**
 * What follows a simulated settlement whose fulfilment is pending: perhaps a judicial confirmation
 * (applied, accepted or not, confirmed or rejected), then fulfilment, an extension with help, or a
 * party reneging — which the real rules send to enforcement only when the agreement was confirmed
 * by then, and otherwise back to litigation with the parties told by phone.
 */
export function scheduleAfterAgreement(
  file: CaseFile,
  settledAt: number,
  deps: { readonly store: LifecycleStore; readonly config: LifecycleConfig; readonly params: FulfilmentParams; readonly at: Schedule },
  rng: Rng,
): void {
  const { store, config, params, at } = deps;
  const f = file.fulfilment;
  if (!f || f.status !== 'pending' || !file.settlement) return;
  const caseId = file.caseId;
  const ctx = (t: number) => ({ now: new Date(t), config });
  const conf = drawConfirmation(file.channel === 'court', file.settlement.amountYuan, settledAt, params, rng);
  if (conf) {
    at(conf.applyAt, () => applyAgreementCommand(store, caseId, { action: 'apply', route: 'judicial_confirmation' }, ctx(conf.applyAt)));
    const decision = conf.accepted ? 'accept' : 'not_accept';
    at(conf.acceptanceAt, () => applyAgreementCommand(store, caseId, { action: decision }, ctx(conf.acceptanceAt)));
    const rulingAt = conf.rulingAt;
    if (rulingAt !== undefined) {
      const ruling = conf.confirmed ? 'confirm' : 'reject';
      at(rulingAt, () => applyAgreementCommand(store, caseId, { action: ruling }, ctx(rulingAt)));
    }
  }
  const draw = drawFulfilment(f.mode, settledAt, Date.parse(f.dueAt), params, rng);
  if (draw.kind === 'fulfilled') {
    at(draw.at, () => applyFulfilment(store, caseId, { kind: 'fulfilled' }, ctx(draw.at)));
  } else if (draw.kind === 'extended') {
    const body = { dueAt: new Date(draw.dueAt).toISOString(), assistance: 'instalments', by: 'village-committee' } as const;
    at(draw.at, () => applyExtension(store, caseId, body, ctx(draw.at)));
    at(draw.fulfilledAt, () => applyFulfilment(store, caseId, { kind: 'fulfilled' }, ctx(draw.fulfilledAt)));
  } else {
    // A renege is recorded once the court has decided (the outcome depends on it).
    const decided = conf ? (conf.rulingAt ?? conf.acceptanceAt) + DAY_MS : 0;
    const t = Math.max(draw.at, decided);
    at(t, () => applyRenege(store, caseId, { notice: { channel: 'phone' } }, ctx(t)));
  }
}
