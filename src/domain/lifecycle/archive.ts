import { z } from 'zod';
import { FulfilmentModeSchema, FulfilmentStatusSchema } from '../fulfilment';
import { AttemptSchema, type CaseFile } from '../lifecycle-file';
import { omit } from '../omit';
import { DAY_MS } from '../time';
import { CaseClassSchema, CategorySchema, ChannelSchema } from '../taxonomy';

const id = z.string().min(1);
const isoDateTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 date-time');

/** How a closed case ended: the terminal statuses of the state machine. */
export const ARCHIVED_OUTCOMES = ['settled', 'returned_to_court', 'withdrawn'] as const;
export type ArchivedOutcome = (typeof ARCHIVED_OUTCOMES)[number];

/**
 * A closed case after the retention period: exactly what the KPI report and the subsidy ledger read
 * (see `computeKpis`, `attemptSubsidy`), so their figures do not move when a case is archived. No
 * party data: no party refs, no settlement terms, no free-text reasons, no department refs.
 */
export const ArchivedCaseSchema = z.strictObject({
  caseId: id,
  channel: ChannelSchema,
  category: CategorySchema,
  township: id,
  village: id,
  /** The class the case ended at (after any escalation). */
  class: CaseClassSchema,
  outcome: z.enum(ARCHIVED_OUTCOMES),
  referredAt: isoDateTime,
  closedAt: isoDateTime,
  archivedAt: isoDateTime,
  /** Every attempt without its start (the KPIs read the first-session target instead). */
  attempts: z.array(AttemptSchema.omit({ startedAt: true })).min(1),
  /** Held sessions only, with their arrivals' punctuality (a scheduled or cancelled one counts nowhere). */
  sessions: z.array(
    z.strictObject({
      attempt: z.number().int().min(1),
      status: z.literal('held'),
      heldAt: isoDateTime.optional(),
      arrivals: z.array(z.strictObject({ onTime: z.boolean() })),
    }),
  ),
  settlement: z.strictObject({ at: isoDateTime, amountYuan: z.number().min(0) }).nullable(),
  fulfilment: z
    .strictObject({
      mode: FulfilmentModeSchema,
      status: FulfilmentStatusSchema,
      dueAt: isoDateTime,
      fulfilledAt: isoDateTime.optional(),
      enforcementAt: isoDateTime.optional(),
      /** Issue 17: a renege on an agreement without enforceable force went back to litigation. */
      litigationAt: isoDateTime.optional(),
    })
    .nullable(),
  /** The terminal transitions only (return to court, withdrawal): the KPIs date those from the history. */
  history: z.array(z.strictObject({ action: z.enum(['return_to_court', 'withdraw']), at: isoDateTime })),
});
export type ArchivedCase = z.infer<typeof ArchivedCaseSchema>;

const isArchivedOutcome = (s: string): s is ArchivedOutcome => (ARCHIVED_OUTCOMES as readonly string[]).includes(s);

const lastAt = (file: CaseFile, action: 'withdraw' | 'return_to_court'): string | null =>
  [...file.history].reverse().find((h) => h.action === action)?.at ?? null;

/**
 * When the case was closed for good, or null while anything of it may still change a figure: a
 * withdrawal or a return to court closes at once; a settlement only once its fulfilment is decided
 * (fulfilled, sent to enforcement or back to litigation), since the fulfilment rate still waits for it.
 */
export function closedAt(file: CaseFile): string | null {
  switch (file.status) {
    case 'withdrawn':
      return lastAt(file, 'withdraw');
    case 'returned_to_court':
      return lastAt(file, 'return_to_court');
    case 'settled': {
      const f = file.fulfilment;
      if (!f) return file.settlement?.at ?? null;
      if (f.status === 'fulfilled') return f.fulfilledAt ?? null;
      if (f.status === 'enforcement') return f.enforcementAt ?? null;
      if (f.status === 'litigation') return f.litigationAt ?? null;
      return null;
    }
    default:
      return null;
  }
}

/**
 * When, then: a case closed more than `retentionDays` before `now` is archivable; an open one, one
 * whose settlement awaits fulfilment, or any case when `retentionDays` is 0 (never archive), is not.
 */
export function isArchivable(file: CaseFile, now: Date, retentionDays: number): boolean {
  if (retentionDays <= 0) return false;
  const closed = closedAt(file);
  return closed !== null && Date.parse(closed) <= now.getTime() - retentionDays * DAY_MS;
}

/** The compact record of a closed case; throws (a bug of the caller) for a case still open. */
export function archivedRecord(file: CaseFile, archivedAt: Date): ArchivedCase {
  const closed = closedAt(file);
  if (closed === null || !isArchivedOutcome(file.status)) throw new Error(`case ${file.caseId} is not closed: not archivable`);
  const { settlement, fulfilment } = file;
  return {
    caseId: file.caseId,
    channel: file.channel,
    category: file.category,
    township: file.township,
    village: file.village,
    class: file.class,
    outcome: file.status,
    referredAt: file.referredAt,
    closedAt: closed,
    archivedAt: archivedAt.toISOString(),
    attempts: file.attempts.map((a) => omit(a, 'startedAt')),
    sessions: file.sessions
      .filter((s) => s.status === 'held')
      .map((s) => ({
        attempt: s.attempt,
        status: 'held' as const,
        ...(s.heldAt === undefined ? {} : { heldAt: s.heldAt }),
        arrivals: s.arrivals.map((a) => ({ onTime: a.onTime })),
      })),
    settlement: settlement ? { at: settlement.at, amountYuan: settlement.amountYuan } : null,
    fulfilment: fulfilment
      ? {
          mode: fulfilment.mode,
          status: fulfilment.status,
          dueAt: fulfilment.dueAt,
          ...(fulfilment.fulfilledAt === undefined ? {} : { fulfilledAt: fulfilment.fulfilledAt }),
          ...(fulfilment.enforcementAt === undefined ? {} : { enforcementAt: fulfilment.enforcementAt }),
          ...(fulfilment.litigationAt === undefined ? {} : { litigationAt: fulfilment.litigationAt }),
        }
      : null,
    history: file.history.flatMap((h) =>
      h.action === 'return_to_court' || h.action === 'withdraw' ? [{ action: h.action, at: h.at }] : [],
    ),
  };
}
