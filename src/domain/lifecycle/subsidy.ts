import type { Attempt } from '../lifecycle-file';
import type { Session } from '../session';
import type { Channel } from '../taxonomy';
import type { SubsidyConfig } from '../config/subsidy-config';
import { HOUR_MS } from '../time';

/** Months are counted in the county's local time (China Standard Time). */
const LOCAL_OFFSET_MS = 8 * HOUR_MS;

/** `YYYY-MM` of an instant in local time. */
export function localMonth(iso: string): string {
  return new Date(Date.parse(iso) + LOCAL_OFFSET_MS).toISOString().slice(0, 7);
}

/** One subsidised attempt. */
export interface SubsidyEntry {
  readonly caseId: string;
  readonly attempt: number;
  readonly class: Attempt['class'];
  readonly outcome: 'settled' | 'failed';
  readonly yuan: number;
  readonly mediatorIds: readonly string[];
  readonly month: string;
}

/** What the subsidy reads of an attempt. */
export type SubsidyAttempt = Pick<Attempt, 'number' | 'class' | 'mediatorIds' | 'outcome' | 'endedAt'>;

/** What the subsidy reads of a case: a full case file or an archived record both qualify. */
export interface SubsidyCase {
  readonly caseId: string;
  readonly channel: Channel;
  readonly attempts: readonly SubsidyAttempt[];
  readonly sessions: readonly Pick<Session, 'attempt' | 'status'>[];
}

/**
 * What an attempt earns: the table's `settled` rate for a settlement, its `failed` rate for a
 * failed attempt or one returned to court after a session was held; nothing for a withdrawal or
 * an attempt no session was held in, nor for a case of a channel the county does not subsidise.
 */
export function attemptSubsidy(file: SubsidyCase, a: SubsidyAttempt, config: SubsidyConfig): SubsidyEntry | null {
  if (!a.endedAt || a.mediatorIds.length === 0) return null;
  if (config.channels !== undefined && !config.channels.includes(file.channel)) return null;
  const held = file.sessions.some((s) => s.attempt === a.number && s.status === 'held');
  const outcome =
    a.outcome === 'settled' ? 'settled' : a.outcome === 'failed' || (a.outcome === 'returned_to_court' && held) ? 'failed' : null;
  if (!outcome) return null;
  return {
    caseId: file.caseId,
    attempt: a.number,
    class: a.class,
    outcome,
    yuan: config.yuanByClass[a.class][outcome],
    mediatorIds: a.mediatorIds,
    month: localMonth(a.endedAt),
  };
}

export interface BudgetWarning {
  readonly share: number;
  readonly thresholdYuan: number;
}

export interface SubsidyLedger {
  readonly month: string;
  readonly entries: readonly SubsidyEntry[];
  /** Yuan per mediator: a panel's subsidy split equally between its seats. */
  readonly byMediator: Readonly<Record<string, number>>;
  readonly byOrganization: Readonly<Record<string, number>>;
  readonly totalYuan: number;
  readonly budgetYuan: number;
  /** Warning thresholds the month's total has reached. */
  readonly warnings: readonly BudgetWarning[];
  /** True when the total exceeds the budget. */
  readonly overBudget: boolean;
}

/** The month's subsidies from case files, with totals and the budget warnings reached. */
export function subsidyLedger(
  files: readonly SubsidyCase[],
  month: string,
  organizationOf: (mediatorId: string) => string | undefined,
  config: SubsidyConfig,
): SubsidyLedger {
  const entries: SubsidyEntry[] = [];
  for (const f of files) {
    for (const a of f.attempts) {
      const e = attemptSubsidy(f, a, config);
      if (e && e.month === month) entries.push(e);
    }
  }
  const byMediator: Record<string, number> = {};
  const byOrganization: Record<string, number> = {};
  let total = 0;
  for (const e of entries) {
    total += e.yuan;
    const share = e.yuan / e.mediatorIds.length;
    for (const m of e.mediatorIds) {
      byMediator[m] = (byMediator[m] ?? 0) + share;
      const org = organizationOf(m) ?? 'unknown';
      byOrganization[org] = (byOrganization[org] ?? 0) + share;
    }
  }
  return {
    month,
    entries,
    byMediator,
    byOrganization,
    totalYuan: total,
    budgetYuan: config.monthlyBudgetYuan,
    warnings: budgetWarnings(total, config),
    overBudget: total > config.monthlyBudgetYuan,
  };
}

/** The warning thresholds a month's spending has reached (lowest first). */
export function budgetWarnings(spentYuan: number, config: SubsidyConfig): BudgetWarning[] {
  return [...config.warnAtShares]
    .sort((a, b) => a - b)
    .map((share) => ({ share, thresholdYuan: share * config.monthlyBudgetYuan }))
    .filter((w) => spentYuan >= w.thresholdYuan);
}
