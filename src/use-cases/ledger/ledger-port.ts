import type { ClockRecheck } from '../lifecycle/clock-due-port';

/**
 * The ledger (issue 19): PostgreSQL keeps the record of every case, Redis the hot state. Changes
 * reach the ledger through an outbox: each Redis script that changes what the ledger records also
 * appends an entry to the county's outbox stream in the same atomic step; the projector
 * (project-outbox.ts) copies the state the entries point at into PostgreSQL, moving the county's
 * cursor in the same transaction, and only then trims the outbox. docs/ledger.md tells the rest.
 */

import type { CaseFact } from '../reports/counting-instants';

/** One outbox entry: an event (with its id in the event stream) or a change that raised none. */
export interface OutboxEntry {
  readonly id: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** The event's id in the county's event stream; null for a change without an event. */
  readonly eventId: string | null;
}

export interface OutboxCounts {
  readonly added: number;
  readonly length: number;
  readonly lastId: string;
}

/** One entry of the county's audit trail (dispatchers' decisions). */
export interface AuditRecord {
  readonly id: string;
  readonly at: string;
  readonly entry: unknown;
}

/** The county's outbox and audit trail as Redis keeps them. */
export interface LedgerOutbox {
  /** Entries after `afterId` (exclusive), oldest first, at most `count`. */
  read(afterId: string, count: number): Promise<readonly OutboxEntry[]>;
  /** Entries ever added to the outbox, entries it holds now, and the newest entry's id (`0-0` when none). */
  counts(): Promise<OutboxCounts>;
  /** Drops the entries up to and including `id` (the ledger holds them). */
  trimThrough(id: string): Promise<void>;
  /** Audit entries after `afterId`, oldest first, at most `count`. */
  readAudit(afterId: string, count: number): Promise<readonly AuditRecord[]>;
}

export interface LedgerCaseRow {
  readonly caseId: string;
  readonly externalId: string;
  readonly channel: string;
  readonly category: string;
  readonly class: string;
  readonly township: string;
  readonly village: string;
  readonly status: string;
  readonly referredAt: string;
  readonly deadlineAt: string | null;
  readonly closedAt: string | null;
  readonly outcome: string | null;
  readonly settledAt: string | null;
  readonly returnedAt: string | null;
  readonly mediatorIds: readonly string[];
  readonly clockDueAt: string | null;
  readonly fileVersion: number;
  /** The case record and its lifecycle file, as JSON text. */
  readonly caseDoc: string;
  readonly file: string;
  /** The first and last instant the report can count the case at (reports/counting-instants.ts). */
  readonly countsFrom: string | null;
  readonly countsUntil: string | null;
  /** The case's plain report counts per instant (replaced whole on every write). */
  readonly facts: readonly CaseFact[];
}

export interface LedgerHistoryRow {
  readonly caseId: string;
  readonly seq: number;
  readonly action: string;
  readonly at: string;
  readonly entry: string;
}

export interface LedgerSessionRow {
  readonly caseId: string;
  readonly sessionId: string;
  readonly attempt: number;
  readonly status: string;
  readonly startsAt: string;
  readonly roomId: string;
  readonly mediatorIds: readonly string[];
  readonly doc: string;
}

export interface LedgerEventRow {
  readonly eventId: string;
  readonly type: string;
  readonly caseId: string;
  readonly at: string | null;
  readonly data: string;
}

export interface LedgerSummonsRow {
  readonly summonsId: string;
  readonly caseId: string;
  readonly department: string;
  readonly status: string;
  readonly requiredBy: string;
  readonly version: number;
  readonly doc: string;
}

export interface LedgerMediatorRow {
  readonly mediatorId: string;
  readonly tier: string;
  readonly organization: string;
  readonly status: string;
  readonly doc: string;
}

export interface LedgerCountyRow {
  readonly status: string;
  readonly version: number;
  readonly nameZh: string;
  readonly population: number;
  readonly townships: number;
  readonly villages: number;
  readonly profile: string;
  /** The registry's `updatedAt` (empty there: null). */
  readonly changedAt: string | null;
}

export interface LedgerSettingsRow {
  readonly kind: string;
  readonly doc: string;
}

/** A county's profile and settings as one batch writes them; `county` null: not registered. */
export interface LedgerCountyRecords {
  readonly county: LedgerCountyRow | null;
  readonly settings: readonly LedgerSettingsRow[];
}

/** Everything one projection step writes, with the outbox range it covers. */
export interface LedgerBatch {
  /** The cursor the batch was read after; the write is refused when the ledger's cursor moved. */
  readonly fromId: string;
  /** The last outbox entry the batch covers (equal to fromId when only the audit moved). */
  readonly toId: string;
  /** `outboxRead` after the batch. */
  readonly readCount: number;
  readonly cases: readonly LedgerCaseRow[];
  /** Replace the sessions of these cases by `sessions` (a case's sessions are rewritten whole). */
  readonly sessionCases: readonly string[];
  readonly sessions: readonly LedgerSessionRow[];
  readonly history: readonly LedgerHistoryRow[];
  readonly events: readonly LedgerEventRow[];
  readonly summonses: readonly LedgerSummonsRow[];
  /** The whole roster when it changed, else null. */
  readonly roster: readonly LedgerMediatorRow[] | null;
  readonly courtMonths: readonly { readonly month: string; readonly doc: string }[];
  readonly audit: { readonly fromId: string; readonly toId: string; readonly records: readonly AuditRecord[] } | null;
  /** The county's profile and settings when they changed (or are copied whole), else null. */
  readonly records: LedgerCountyRecords | null;
}

export interface LedgerCursors {
  /** The last outbox entry the ledger holds (`0-0` before the first). */
  readonly outbox: string;
  /**
   * Outbox entries read or known lost, in all: the outbox drops only its oldest entries, so when it
   * has dropped more than this, some were dropped unread.
   */
  readonly outboxRead: number;
  /** The last audit entry the ledger holds. */
  readonly audit: string;
  /**
   * False until the county's first copy: cases Redis held before the outbox existed have no entries,
   * so the first copy is of the whole county.
   */
  readonly copied: boolean;
  /**
   * False until the county's profile and settings were first copied (m0003 came after counties
   * were copied: their profile and settings are copied once then, whatever the outbox holds).
   */
  readonly recordsCopied: boolean;
}

/** `moved`: another projector wrote first (nothing written); read the cursor again. */
export type LedgerApplyResult = 'applied' | 'moved';

/** The county's side of the ledger the projector writes. */
export interface LedgerWriter {
  /** Where the ledger stands in the county's streams. */
  cursors(): Promise<LedgerCursors>;
  /** Writes the batch and moves the cursors in one transaction, if they are still at its `fromId`s. */
  apply(batch: LedgerBatch): Promise<LedgerApplyResult>;
}

/**
 * The ledger's index of when the legal clock next has work on each case of the county
 * (`cases.clock_due_at`, written by the projector with `clockDueAt(file, config, projection time)`).
 */
export interface LedgerClockIndex {
  /** The county's cases whose due instant is at or before `until`. */
  dueCaseIds(until: Date): Promise<readonly string[]>;
  /**
   * Sets the due instant of cases the clock read at `readAt` and left unchanged, on the rows that
   * still hold the version it read (any row, for a case gone from Redis) and a due instant at or
   * before `readAt`: a row the projector rewrote since holds a newer copy, left as it is.
   */
  recheck(cases: readonly ClockRecheck[], readAt: Date): Promise<void>;
}
