/**
 * The in-place editor of a mediator's capacity, status and leave: what the form holds, the PATCH
 * body it makes, and which input each problem of a 400 belongs next to. Pure, tested in node.
 */
import type { LeavePeriod, MediatorView } from './roster';

/** The inputs of the editor; `leaveFrom`/`leaveUntil` add one period (empty: none added). */
export interface EditDraft {
  readonly capacity: string;
  readonly status: 'active' | 'on_leave';
  /** The periods kept (a period is removed by leaving it out). */
  readonly leave: readonly LeavePeriod[];
  readonly leaveFrom: string;
  readonly leaveUntil: string;
}

export type EditField = 'capacity' | 'status' | 'leaveFrom' | 'leaveUntil' | 'leave';

/** A problem found before sending, named by the console's own words (text.ts keys). */
export interface DraftProblem {
  readonly field: EditField;
  readonly text: 'capacityWhole' | 'leaveBothDates' | 'leaveUntilBeforeFrom';
}

export const draftOf = (m: MediatorView): EditDraft => ({
  capacity: String(m.capacity),
  status: m.status,
  leave: m.leave,
  leaveFrom: '',
  leaveUntil: '',
});

export interface MediatorPatch {
  readonly capacity?: number;
  readonly status?: 'active' | 'on_leave';
  readonly leave?: readonly LeavePeriod[];
}

const sameLeave = (a: readonly LeavePeriod[], b: readonly LeavePeriod[]) =>
  a.length === b.length && a.every((p, i) => p.from === b[i]?.from && p.until === b[i]?.until);

/**
 * The PATCH body with only what changed, or the problems that stop it. Dates are the inputs'
 * `YYYY-MM-DD` (whole days); the service checks the bounds again and its 400 is shown too.
 */
export function patchOf(m: MediatorView, d: EditDraft): { patch: MediatorPatch; problems: readonly DraftProblem[] } {
  const problems: DraftProblem[] = [];
  const capacity = d.capacity.trim() === '' ? NaN : Number(d.capacity);
  if (!Number.isInteger(capacity) || capacity < 0) problems.push({ field: 'capacity', text: 'capacityWhole' });
  const adding = d.leaveFrom !== '' || d.leaveUntil !== '';
  if (adding && (d.leaveFrom === '' || d.leaveUntil === '')) {
    problems.push({ field: d.leaveFrom === '' ? 'leaveFrom' : 'leaveUntil', text: 'leaveBothDates' });
  } else if (adding && d.leaveUntil < d.leaveFrom) {
    problems.push({ field: 'leaveUntil', text: 'leaveUntilBeforeFrom' });
  }
  // The same period twice says nothing more: one copy is kept.
  const known = d.leave.some((p) => p.from === d.leaveFrom && p.until === d.leaveUntil);
  const leave = adding && !known ? [...d.leave, { from: d.leaveFrom, until: d.leaveUntil }] : d.leave;
  const patch: { capacity?: number; status?: 'active' | 'on_leave'; leave?: readonly LeavePeriod[] } = {};
  if (Number.isInteger(capacity) && capacity !== m.capacity) patch.capacity = capacity;
  if (d.status !== m.status) patch.status = d.status;
  if (!sameLeave(leave, m.leave)) patch.leave = leave;
  return { patch, problems };
}

/**
 * The input a field of the service's 400 belongs to: `body.capacity` → capacity; a new period's
 * `until` (the last one, the one the form added) → leaveUntil; other leave problems → leave.
 */
export function fieldOfProblem(field: string, leaveSent: number, added: boolean): EditField {
  if (field.startsWith('body.capacity')) return 'capacity';
  if (field.startsWith('body.status')) return 'status';
  const period = /^body\.leave\[(\d+)\]\.(from|until)/.exec(field);
  if (period && added && Number(period[1]) === leaveSent - 1) return period[2] === 'from' ? 'leaveFrom' : 'leaveUntil';
  return field.startsWith('body.leave') ? 'leave' : 'capacity';
}
