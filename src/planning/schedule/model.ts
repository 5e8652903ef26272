import type { SessionOption } from './options';
import type { ScheduleInput } from './types';
import { itemAt } from '../../domain/indexed-access';

/**
 * The scheduling MIP in CPLEX LP text. Variables: x<i> = 1 when option i is chosen, u<s> = 1 when
 * session s stays unscheduled.
 *   Σ_i∈s x_i + u_s = 1                       every session once (or unscheduled)
 *   Σ_{i: slot t, group g} x_i ≤ free rooms(g, t)   no room double-booked
 *   Σ_{i: slot t, m ∈ mediators(i)} x_i ≤ 1        no mediator (or panel member) double-booked
 * The objective is given per variable, so the same rows serve both lexicographic phases.
 */
export interface ModelRows {
  readonly rows: readonly string[];
}

export function terms(vars: readonly string[], coefs?: readonly number[]): string {
  const parts = vars.map((v, k) => {
    const c = coefs ? itemAt(coefs, k, 'coefs') : 1;
    return `${c < 0 ? '-' : '+'} ${Math.abs(c)} ${v}`;
  });
  // Short lines: the LP reader takes terms continued over lines.
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += 8) lines.push(parts.slice(i, i + 8).join(' '));
  return lines.join('\n  ');
}

export function buildRows(
  input: ScheduleInput,
  options: readonly SessionOption[],
  capacity: (group: number, slot: number) => number,
): ModelRows {
  const rows: string[] = [];
  const bySession: string[][] = input.sessions.map(() => []);
  const byGroupSlot = new Map<string, string[]>();
  const byMediatorSlot = new Map<string, string[]>();
  options.forEach((o, i) => {
    const v = `x${i}`;
    itemAt(bySession, o.session, 'sessions').push(v);
    const gs = `${o.group}|${o.slot}`;
    byGroupSlot.set(gs, [...(byGroupSlot.get(gs) ?? []), v]);
    for (const m of itemAt(input.sessions, o.session, 'sessions').mediatorIds) {
      const ms = `${m}|${o.slot}`;
      byMediatorSlot.set(ms, [...(byMediatorSlot.get(ms) ?? []), v]);
    }
  });
  bySession.forEach((vars, s) => rows.push(`once${s}: ${terms([...vars, `u${s}`])} = 1`));
  let r = 0;
  for (const [gs, vars] of byGroupSlot) {
    const [g, t] = gs.split('|').map(Number) as [number, number];
    const cap = capacity(g, t);
    if (vars.length > cap) rows.push(`room${r++}: ${terms(vars)} <= ${cap}`);
  }
  // A mediator's options in one slot count once per session (several room groups), so the row
  // sums over distinct sessions' options: any two chosen would be two sessions at once.
  let m = 0;
  for (const vars of byMediatorSlot.values()) {
    if (vars.length > 1) rows.push(`med${m++}: ${terms(vars)} <= 1`);
  }
  return { rows };
}

/** The LP text: minimise Σ cost·var subject to the rows (plus extra ones), all binary. */
export function lpText(objective: ReadonlyMap<string, number>, rows: readonly string[], binaries: readonly string[]): string {
  const objVars = [...objective.keys()];
  const obj = objVars.length > 0 ? terms(objVars, [...objective.values()]) : '0 u0';
  return ['Minimize', ` obj: ${obj}`, 'Subject To', ...rows.map((r) => ` ${r}`), 'Binary', ...chunk(binaries), 'End', ''].join('\n');
}

function chunk(vars: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < vars.length; i += 20) out.push(' ' + vars.slice(i, i + 20).join(' '));
  return out;
}
