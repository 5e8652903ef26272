import { loadLifecycleConfig, type LifecycleConfig } from '../../../src/domain/config/lifecycle-config';
import type { LifecycleCommand } from '../../../src/domain/lifecycle-command';
import type { CaseFile } from '../../../src/domain/lifecycle-file';
import { openCaseFile, type CaseFileSeed } from '../../../src/domain/lifecycle/case-file';
import { act } from '../../../src/domain/lifecycle/transitions';

export const config: LifecycleConfig = loadLifecycleConfig();

export const T0 = '2026-03-02T01:00:00.000Z';

export function at(days: number, hours = 0): Date {
  return new Date(Date.parse(T0) + days * 86_400_000 + hours * 3_600_000);
}

export function seed(over: Partial<CaseFileSeed> = {}): CaseFileSeed {
  return {
    id: 'case-1',
    channel: 'court',
    category: 'neighbour',
    township: 't01',
    village: 't01-v01',
    parties: [{ ref: 'p1' }, { ref: 'p2' }],
    referredAt: T0,
    class: 'ordinary',
    attempts: [],
    ...over,
  };
}

export function newFile(over: Partial<CaseFileSeed> = {}): CaseFile {
  return openCaseFile(seed(over), config);
}

/** Applies commands in order at the given day offsets; throws on anything but ok. */
export function run(file: CaseFile, steps: readonly [number, LifecycleCommand][], by = 'tester'): CaseFile {
  let f = file;
  for (const [day, cmd] of steps) {
    const out = act(f, cmd, { by, now: at(day), config });
    if (out.status !== 'ok') throw new Error(`${cmd.action} at day ${day}: ${JSON.stringify(out)}`);
    f = out.file;
  }
  return f;
}

export const session = (id: string, date: string): LifecycleCommand => ({
  action: 'schedule_session',
  sessionId: id,
  roomId: 'committee-t01',
  slot: { date, half: 'am' },
  start: `${date}T01:00:00.000Z`,
  end: `${date}T04:00:00.000Z`,
});

/** referred → assigned → accepted → session_scheduled → mediating. */
export function toMediating(file: CaseFile, mediatorIds: string[] = ['m1'], day = 0): CaseFile {
  return run(file, [
    [day, { action: 'assign', mediatorIds }],
    [day, { action: 'accept' }],
    [day, session(`s-${file.attempts.length}-${day}`, '2026-03-03')],
    [day + 1, { action: 'start_mediation' }],
  ]);
}
