import type { LifecycleCommand } from '../../domain/lifecycle-command';
import type { ConsentCommand } from '../../domain/consent';
import type { CaseFile } from '../../domain/lifecycle-file';
import type { LifecycleEvent } from '../../domain/lifecycle-event';
import type { LifecycleConfig } from '../../domain/config/lifecycle-config';
import { tick } from '../../domain/lifecycle/clock';
import { clockDueAt } from '../../domain/lifecycle/clock-due';
import type { ClockDueSource, ClockRecheck } from './clock-due-port';
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
    const out = await tickFile(store, file, now, config);
    if (out) events.push(...out);
  }
  return events;
}

/**
 * Runs the clock over the cases `due` names (issue 19): the same changes and events as `tickAll` at
 * `now`, reading only the cases that may have work due. A case read and left unchanged gets its due
 * instant counted again from `now` (`ClockDueSource.recheck`), so it is not read at every run.
 * Falls back to `tickAll` when the source cannot tell which cases are due.
 */
export async function tickDue(store: LifecycleStore, due: ClockDueSource, now: Date, config: LifecycleConfig): Promise<LifecycleEvent[]> {
  const ids = await due.dueCaseIds(now);
  if (ids === null) return tickAll(store, now, config);
  const events: LifecycleEvent[] = [];
  const idle: ClockRecheck[] = [];
  for (const caseId of ids) {
    const file = await store.getFile(caseId);
    const out = file && (await tickFile(store, file, now, config));
    if (out) events.push(...out);
    else if (out === null) idle.push({ caseId, fileVersion: file?.version ?? null, dueAt: file && clockDueAt(file, config, now) });
  }
  if (idle.length > 0) await due.recheck(idle, now);
  return events;
}

/**
 * Ticks one file and commits the change: the events raised, or null when the tick changed nothing,
 * or undefined when the file changed meanwhile (its next change brings it back to the clock).
 */
async function tickFile(
  store: LifecycleStore,
  file: CaseFile,
  now: Date,
  config: LifecycleConfig,
): Promise<readonly LifecycleEvent[] | null | undefined> {
  const out = tick(file, { by: 'clock', now, config });
  if (!out.changed) return null;
  return (await store.commitFile(file.version, out.file, out)) === 'ok' ? out.events : undefined;
}
