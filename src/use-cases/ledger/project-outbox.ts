import type { CaseFile } from '../../domain/lifecycle-file';
import type { CourtFiguresStore } from '../court-figures/court-figures-port';
import type { CaseState, CaseStates } from '../lifecycle/case-files';
import type { MediatorDirectory } from '../mediators/mediator-directory';
import type { SummonsStore } from '../summons/summons-port';
import type {
  LedgerBatch,
  LedgerCaseRow,
  LedgerCountyRecords,
  LedgerCursors,
  LedgerHistoryRow,
  LedgerOutbox,
  LedgerSessionRow,
  LedgerWriter,
  OutboxCounts,
  OutboxEntry,
} from './ledger-port';
import type { CountyRecordSource } from './county-records-port';
import { caseRow, countyRow, eventRow, historyRows, mediatorRow, sessionRows, settingsRow, summonsRow } from './ledger-rows';

/** Where one county's projection reads the state the outbox points at, and writes the ledger. */
export interface LedgerProjectionDeps {
  readonly outbox: LedgerOutbox;
  readonly ledger: LedgerWriter;
  /** Each case's record and file, read once. */
  readonly cases: CaseStates;
  readonly summonses: Pick<SummonsStore, 'get' | 'listByCase'>;
  readonly roster: Pick<MediatorDirectory, 'list'>;
  readonly courtFigures: Pick<CourtFiguresStore, 'list'>;
  /** The county's registered profile and its settings. */
  readonly records: CountyRecordSource;
  /**
   * When the clock next has work for a case (the ledger's due-case index, read by `tickDue`): wire
   * `clockDueAt(file, config, projection time)`. @defaultValue none: the column stays null
   */
  readonly clockDueAt?: (file: CaseFile) => Date | null;
}

export interface ProjectionOptions {
  /** Outbox entries per transaction. @defaultValue 500 */
  readonly batchSize?: number;
  /** Steps per call, so one busy county cannot hold the projector. @defaultValue 20 */
  readonly maxSteps?: number;
}

export interface ProjectionSummary {
  readonly entries: number;
  readonly cases: number;
  /** True when entries were lost to the outbox's cap and the whole county was copied again. */
  readonly recopied: boolean;
}

interface StepResult {
  readonly entries: number;
  readonly cases: number;
  readonly more: boolean;
}

/**
 * Copies what the county's outbox points at into the ledger, batch by batch, oldest first. Each
 * batch is one transaction that also moves the county's cursor, so a projector killed at any point
 * resumes exactly after the last batch the ledger holds; the outbox is trimmed only after. Safe
 * beside another projector of the same county: the cursor is a compare-and-set (`moved` → reread).
 */
export async function projectOutbox(deps: LedgerProjectionDeps, opts: ProjectionOptions = {}): Promise<ProjectionSummary> {
  const batchSize = opts.batchSize ?? 500;
  let entries = 0;
  let cases = 0;
  let recopied = false;
  for (let step = 0; step < (opts.maxSteps ?? 20); step++) {
    const cursors = await deps.ledger.cursors();
    const r = await projectStep(deps, cursors, batchSize);
    recopied ||= r.recopied;
    entries += r.entries;
    cases += r.cases;
    if (!r.more) break;
  }
  return { entries, cases, recopied };
}

/**
 * What the outbox dropped unread: it drops its oldest entries only, so more dropped than the ledger
 * has read means some unread were lost (the cap, or a Redis that lost its data and began again).
 */
export function lostEntries(counts: OutboxCounts, read: number): boolean {
  return counts.added - counts.length > read || counts.added < read;
}

async function projectStep(
  deps: LedgerProjectionDeps,
  cursors: LedgerCursors,
  batchSize: number,
): Promise<StepResult & { recopied: boolean }> {
  const counts = await deps.outbox.counts();
  // Never copied yet counts as lost: the county's first copy is whole (cases from before the outbox).
  const lost = !cursors.copied || lostEntries(counts, cursors.outboxRead);
  const entries = await deps.outbox.read(cursors.outbox, batchSize);
  const audit = await deps.outbox.readAudit(cursors.audit, batchSize);
  const recordsMoved = lost || !cursors.recordsCopied || entries.some((e) => RECORD_TYPES.has(e.type));
  if (entries.length === 0 && audit.length === 0 && !lost && !recordsMoved) {
    // Entries the ledger holds but the outbox still has: a projector died between its commit and its trim.
    if (counts.length > 0) await deps.outbox.trimThrough(cursors.outbox);
    return { entries: 0, cases: 0, more: false, recopied: false };
  }
  // After a loss, the cursor moves past the lost entries even when none is left to read.
  const toId = entries.at(-1)?.id ?? (lost ? counts.lastId : cursors.outbox);
  const readCount = lost ? counts.added - counts.length + entries.length : cursors.outboxRead + entries.length;
  // Entries lost: every case of the county is copied again (their history included).
  const states = lost ? await deps.cases.list() : await readSome(touched(entries, 'caseId'), (id) => deps.cases.get(id));
  const caseIds = states.map((c) => c.file.caseId);
  const copied = copyCases(states, deps.clockDueAt);
  const summonsIds = touched(entries, 'summonsId');
  const summonses = lost
    ? (await Promise.all(caseIds.map((id) => deps.summonses.listByCase(id)))).flat()
    : await readSome(summonsIds, (id) => deps.summonses.get(id));
  const rosterMoved = lost || entries.some((e) => e.type === 'roster.changed');
  const courtMoved = lost || entries.some((e) => e.type === 'court_figures.changed');
  const batch: LedgerBatch = {
    fromId: cursors.outbox,
    toId,
    readCount,
    ...copied,
    events: entries.map(eventRow).filter((e) => e !== null),
    summonses: summonses.map(summonsRow),
    roster: rosterMoved ? (await deps.roster.list()).map(mediatorRow) : null,
    courtMonths: courtMoved ? (await deps.courtFigures.list()).map((m) => ({ month: m.month, doc: JSON.stringify(m) })) : [],
    audit: audit.length > 0 ? { fromId: cursors.audit, toId: audit.at(-1)?.id ?? cursors.audit, records: audit } : null,
    records: recordsMoved ? await countyRecords(deps.records) : null,
  };
  if ((await deps.ledger.apply(batch)) === 'moved') return { entries: 0, cases: 0, more: true, recopied: false };
  if (entries.length > 0) await deps.outbox.trimThrough(toId);
  const more = entries.length === batchSize || audit.length === batchSize;
  return { entries: entries.length, cases: copied.cases.length, more, recopied: lost };
}

/** Outbox entries of a change to the county's profile (or status) and to its settings. */
const RECORD_TYPES: ReadonlySet<string> = new Set(['county.changed', 'settings.changed']);

/** The county's profile and settings as Redis holds them now (a county never registered: no profile row). */
async function countyRecords(source: CountyRecordSource): Promise<LedgerCountyRecords> {
  const [profile, settings] = await Promise.all([source.profile(), source.settings()]);
  return { county: profile ? countyRow(profile) : null, settings: settings.map(settingsRow) };
}

/** The distinct string values of `field` in the entries' data, in first-seen order. */
function touched(entries: readonly OutboxEntry[], field: 'caseId' | 'summonsId'): string[] {
  const ids = new Set<string>();
  for (const e of entries) {
    const v = e.data[field];
    if (typeof v === 'string' && v !== '') ids.add(v);
  }
  return [...ids];
}

async function readSome<T>(ids: readonly string[], read: (id: string) => Promise<T | null>): Promise<T[]> {
  return (await Promise.all(ids.map(read))).filter((x): x is Awaited<T> => x !== null);
}

interface CopiedCases {
  readonly cases: LedgerCaseRow[];
  readonly history: LedgerHistoryRow[];
  readonly sessions: LedgerSessionRow[];
  readonly sessionCases: string[];
}

/** The rows of each case Redis holds (a case it no longer holds keeps the ledger's last copy). */
function copyCases(states: readonly CaseState[], clockDueAt: LedgerProjectionDeps['clockDueAt']): CopiedCases {
  const out: CopiedCases = { cases: [], history: [], sessions: [], sessionCases: [] };
  for (const { record, file } of states) {
    out.cases.push(caseRow(record, file, clockDueAt?.(file) ?? null));
    out.history.push(...historyRows(file));
    out.sessions.push(...sessionRows(file));
    out.sessionCases.push(file.caseId);
  }
  return out;
}
