import type { LifecycleCommand } from '../../domain/lifecycle-command';
import type { ConsentCommand } from '../../domain/consent';
import type { CaseFile } from '../../domain/lifecycle-file';
import type { LifecycleEvent } from '../../domain/lifecycle-event';
import type { LifecycleConfig } from '../../domain/config/lifecycle-config';
import { tick } from '../../domain/lifecycle/clock';
import type { LifecycleStore } from './lifecycle-port';
import { act, type ActOutcome } from '../../domain/lifecycle/transitions';

export type ApplyOutcome =
  | { readonly status: 'ok'; readonly file: CaseFile; readonly events: readonly LifecycleEvent[] }
  | Exclude<ActOutcome, { status: 'ok' }>
  | { readonly status: 'not_found' }
  | { readonly status: 'conflict'; readonly message: string };

/** Attempts at a compare-and-set before giving up (another writer kept changing the file). */
const CAS_ATTEMPTS = 3;

/** Loads the case file, applies the command, and commits it with its effects (retrying on a concurrent change). */
export async function applyCommand(
  store: LifecycleStore,
  caseId: string,
  command: LifecycleCommand | ConsentCommand,
  ctx: { readonly by: string; readonly now: Date; readonly config: LifecycleConfig },
): Promise<ApplyOutcome> {
  for (let i = 0; i < CAS_ATTEMPTS; i++) {
    const file = await store.getFile(caseId);
    if (!file) return { status: 'not_found' };
    const out = act(file, command, ctx);
    if (out.status !== 'ok') return out;
    const res = await store.commitFile(file.version, out.file, out);
    if (res === 'ok') return { status: 'ok', file: out.file, events: out.events };
    if (res === 'unknown_case') return { status: 'not_found' };
  }
  return { status: 'conflict', message: 'the case changed concurrently; try again' };
}

/** Runs the clock over every case file; returns the events raised. Files changed meanwhile are left for the next tick. */
export async function tickAll(store: LifecycleStore, now: Date, config: LifecycleConfig): Promise<LifecycleEvent[]> {
  const events: LifecycleEvent[] = [];
  for (const file of await store.listFiles()) {
    const out = tick(file, { by: 'clock', now, config });
    if (!out.changed) continue;
    if ((await store.commitFile(file.version, out.file, out)) === 'ok') events.push(...out.events);
  }
  return events;
}
