import type { Case } from '../../domain/case';
import type { CaseFile } from '../../domain/lifecycle-file';
import type { Mediator } from '../../domain/mediator';
import type { Summons } from '../../domain/summons/summons';
import type { StoredUser } from '../../domain/user';
import type { RegisteredCounty } from '../counties/county-registry-port';
import type { LedgerUserRow, StoredSettings } from './county-records-port';
import { ARCHIVED_OUTCOMES, closedAt } from '../../domain/lifecycle/archive';
import { caseFacts, countingSpan } from '../reports/counting-instants';
import type {
  LedgerCaseRow,
  LedgerCountyRow,
  LedgerEventRow,
  LedgerHistoryRow,
  LedgerMediatorRow,
  LedgerSettingsRow,
  LedgerSessionRow,
  LedgerSummonsRow,
  OutboxEntry,
} from './ledger-port';

/**
 * How the ledger rows of a case are drawn from its record and file: plain copies, no rules of their
 * own (the counting span and facts are the report's rules run on the file).
 */
export function caseRow(record: Case, file: CaseFile, clockDueAt: Date | null): LedgerCaseRow {
  const outcome = (ARCHIVED_OUTCOMES as readonly string[]).includes(file.status) ? file.status : null;
  const returned = [...file.history].reverse().find((h) => h.action === 'return_to_court');
  const span = countingSpan(file);
  return {
    caseId: file.caseId,
    externalId: record.externalId,
    channel: file.channel,
    category: file.category,
    class: file.class,
    township: file.township,
    village: file.village,
    status: record.status,
    referredAt: file.referredAt,
    deadlineAt: record.deadlineAt,
    closedAt: closedAt(file),
    outcome,
    settledAt: file.settlement?.at ?? null,
    returnedAt: returned?.at ?? null,
    mediatorIds: record.assignment?.mediatorIds ?? [],
    clockDueAt: clockDueAt?.toISOString() ?? null,
    fileVersion: file.version,
    caseDoc: JSON.stringify(record),
    file: JSON.stringify(file),
    countsFrom: span?.first ?? null,
    countsUntil: span?.last ?? null,
    facts: caseFacts(file),
  };
}

/** The case's history, one row per entry (append-only: an entry's position never changes). */
export function historyRows(file: CaseFile): LedgerHistoryRow[] {
  return file.history.map((h, seq) => ({ caseId: file.caseId, seq, action: h.action, at: h.at, entry: JSON.stringify(h) }));
}

export function sessionRows(file: CaseFile): LedgerSessionRow[] {
  return file.sessions.map((s) => ({
    caseId: s.caseId,
    sessionId: s.id,
    attempt: s.attempt,
    status: s.status,
    startsAt: s.start,
    roomId: s.roomId,
    mediatorIds: s.mediatorIds,
    doc: JSON.stringify(s),
  }));
}

export function summonsRow(s: Summons): LedgerSummonsRow {
  return {
    summonsId: s.id,
    caseId: s.caseId,
    department: s.department,
    status: s.status,
    requiredBy: s.requiredBy,
    version: s.version,
    doc: JSON.stringify(s),
  };
}

export function mediatorRow(m: Mediator): LedgerMediatorRow {
  return { mediatorId: m.id, tier: m.tier, organization: m.organization, status: m.status, doc: JSON.stringify(m) };
}

/** An outbox entry that is an event, as the ledger's event row; null for a change without an event. */
export function eventRow(entry: OutboxEntry): LedgerEventRow | null {
  if (entry.eventId === null) return null;
  const at = typeof entry.data.at === 'string' && !Number.isNaN(Date.parse(entry.data.at)) ? entry.data.at : null;
  const caseId = typeof entry.data.caseId === 'string' ? entry.data.caseId : '';
  return { eventId: entry.eventId, type: entry.type, caseId, at, data: JSON.stringify(entry.data) };
}

/** A registered county's row: the profile and the columns worth filtering on. */
export function countyRow(c: RegisteredCounty): LedgerCountyRow {
  return {
    status: c.status,
    version: c.version,
    nameZh: c.profile.county.name.zh,
    population: c.profile.county.population,
    townships: c.profile.townships.length,
    villages: c.profile.townships.reduce((n, t) => n + t.villages.length, 0),
    profile: JSON.stringify(c.profile),
    changedAt: c.updatedAt === '' || Number.isNaN(Date.parse(c.updatedAt)) ? null : c.updatedAt,
  };
}

export function settingsRow(s: StoredSettings): LedgerSettingsRow {
  return { kind: s.kind, doc: JSON.stringify(s.doc) };
}

/** An account's row: the stored record as it is, so its password is the argon2id hash Redis holds, never more. */
export function userRow(u: StoredUser): LedgerUserRow {
  return { username: u.username, county: u.county, role: u.role, disabled: u.disabled, createdAt: u.createdAt, doc: JSON.stringify(u) };
}
