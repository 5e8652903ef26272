/**
 * The case page's summonses (中心吹哨、部门报到) as the API answers them, and the pure rules the page
 * needs: how each one stands against its required time, the order the departments are offered in,
 * the form's body and which input a refused field belongs to. No DOM: unit-tested in node.
 */

export type SummonsStatus = 'issued' | 'acknowledged' | 'checked_in' | 'missed' | 'cancelled';
/** What the summons routes accept (the clock's `miss` is never offered). */
export type SummonsAction = 'acknowledge' | 'check_in' | 'cancel';

/** GET /v1/cases/:id/summonses item (the parts the page reads). */
export interface SummonsView {
  readonly id: string;
  readonly caseId: string;
  readonly department: string;
  readonly reason: string;
  readonly requiredBy: string;
  readonly issuedAt: string;
  readonly status: SummonsStatus;
  readonly acknowledgedAt?: string;
  readonly arrivedAt?: string;
  readonly onTime?: boolean;
  readonly escalation?: { readonly to: string; readonly at: string };
  readonly allowedActions: readonly string[];
}

/** GET /v1/departments item. */
export interface DepartmentView {
  readonly id: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly categories: readonly string[];
}

/**
 * How a summons stands for the department's arrival: arrived on time or late, missed (escalated),
 * cancelled, still expected (`open`), or expected and already past its required time (`overdue`,
 * within the clock's grace before it is marked missed).
 */
export type Arrival = 'on_time' | 'late' | 'missed' | 'cancelled' | 'open' | 'overdue';

export function arrivalOf(s: SummonsView, now: number): Arrival {
  switch (s.status) {
    case 'checked_in':
      return s.onTime === false ? 'late' : 'on_time';
    case 'missed':
      return 'missed';
    case 'cancelled':
      return 'cancelled';
    default:
      return Date.parse(s.requiredBy) < now ? 'overdue' : 'open';
  }
}

const ACTIONS: readonly SummonsAction[] = ['acknowledge', 'check_in', 'cancel'];

/** The buttons a summons offers: its `allowedActions` the console knows, in a fixed order. */
export const actionsOf = (s: SummonsView): SummonsAction[] => ACTIONS.filter((a) => s.allowedActions.includes(a));

/** The route of an action (`check_in` → `check-in`). */
export const actionPath = (summonsId: string, action: SummonsAction): string =>
  `/v1/summonses/${encodeURIComponent(summonsId)}/${action.replace('_', '-')}`;

/**
 * The departments in the order the form offers them: those answering for the case's category first
 * (the ones a dispatcher most likely summons), then the rest, each group in roster order.
 */
export function departmentsFor(departments: readonly DepartmentView[], category: string): DepartmentView[] {
  const answers = (d: DepartmentView) => d.categories.includes(category);
  return [...departments.filter(answers), ...departments.filter((d) => !answers(d))];
}

/** China Standard Time: the form's date-time input is read and shown in the centre's time, whatever the browser's zone. */
const OFFSET_MS = 8 * 3_600_000;

/** `YYYY-MM-DDTHH:mm` in China Standard Time for an instant (a `datetime-local` input's value). */
export function localInputValue(at: number): string {
  return new Date(at + OFFSET_MS).toISOString().slice(0, 16);
}

/** The instant a `datetime-local` value means in China Standard Time; undefined when it is not one. */
export function instantOfInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  const ms = Date.parse(`${value}:00+08:00`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The default required time: two hours from now, on the next whole half hour. */
export function defaultRequiredBy(now: number): string {
  const half = 30 * 60_000;
  return localInputValue(Math.ceil((now + 2 * 3_600_000) / half) * half);
}

export interface SummonsDraft {
  readonly departments: readonly string[];
  readonly reason: string;
  /** The `datetime-local` value, China Standard Time. */
  readonly requiredBy: string;
}

export type SummonsField = keyof SummonsDraft;

/**
 * POST /v1/cases/:id/summonses's body. An unreadable time is sent as typed, so the service's 400
 * names the field (the console does not invent a second set of rules).
 */
export function summonsBody(d: SummonsDraft): { departments: string[]; reason: string; requiredBy: string } {
  return { departments: [...d.departments], reason: d.reason.trim(), requiredBy: instantOfInput(d.requiredBy) ?? d.requiredBy };
}

const FIELDS: readonly SummonsField[] = ['departments', 'reason', 'requiredBy'];

/** `body.departments[1]` → departments; a field the form has no input for goes under the departments (its first). */
export function summonsFieldOf(field: string): SummonsField {
  const name = field.replace(/^body\./, '').split(/[.[]/)[0] ?? '';
  return (FIELDS as readonly string[]).includes(name) ? (name as SummonsField) : 'departments';
}

/** Earliest required time first, then by department: the order the panel lists them. */
export function sortSummonses(items: readonly SummonsView[]): SummonsView[] {
  return [...items].sort(
    (a, b) =>
      Date.parse(a.requiredBy) - Date.parse(b.requiredBy) || (a.department < b.department ? -1 : a.department > b.department ? 1 : 0),
  );
}
