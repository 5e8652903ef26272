import { actOnSummons, type Summons, type SummonsAction, type SummonsActInput } from '../../domain/summons/summons';
import { actionEvent } from '../../domain/summons/summons-event';
import type { SummonsStore } from './summons-port';

export type SummonsActOutcome =
  | { readonly status: 'ok'; readonly summons: Summons }
  | { readonly status: 'not_found' }
  | {
      readonly status: 'illegal';
      readonly from: Summons['status'];
      readonly action: SummonsAction;
      readonly allowed: readonly SummonsAction[];
    }
  | { readonly status: 'invalid'; readonly field: string; readonly reason: string }
  | { readonly status: 'conflict' };

/** Attempts at a compare-and-set before giving up (another writer kept changing the summons). */
const CAS_ATTEMPTS = 3;

/**
 * A caller's action on a summons (acknowledge, check in, cancel): the state machine decides, the
 * store writes it with its event. A check-in cannot be dated in the future or before the summons was issued.
 */
export async function actOnStoredSummons(
  store: SummonsStore,
  id: string,
  input: SummonsActInput & { readonly action: Exclude<SummonsAction, 'miss'> },
): Promise<SummonsActOutcome> {
  for (let i = 0; i < CAS_ATTEMPTS; i++) {
    const s = await store.get(id);
    if (!s) return { status: 'not_found' };
    if (input.arrivedAt) {
      if (input.arrivedAt.getTime() > input.at.getTime())
        return { status: 'invalid', field: 'body.arrivedAt', reason: 'must not be in the future' };
      if (input.arrivedAt.getTime() < Date.parse(s.issuedAt))
        return { status: 'invalid', field: 'body.arrivedAt', reason: 'must not be before the summons was issued' };
    }
    const step = actOnSummons(s, input);
    if (step.status === 'illegal') return step;
    const res = await store.commit(s.version, step.summons, [actionEvent(step.summons, input.by, input.at)]);
    if (res === 'ok') return { status: 'ok', summons: step.summons };
    if (res === 'not_found') return { status: 'not_found' };
  }
  return { status: 'conflict' };
}
