import { CASE_STATUSES, WAITING_STATUSES } from '../../domain/case';
import type { CaseFlag } from '../../use-cases/cases/case-records';
import { countyKeys, type CountyKeys } from './keys';

/**
 * The keys each county script touches beyond its fixed KEYS, named by the caller so that the
 * script declares every key it touches (issue 21: Redis Cluster routes a script by its KEYS, and
 * an undeclared key is unsupported even in the same slot). The scripts build the same names from
 * the key prefix; test/integration/lua-keys-declared.test.ts checks the two agree.
 *
 * A key that depends on state the script reads is either one of a small fixed family passed whole
 * (the statuses a case may come from) or one the caller read itself, which the script checks is
 * still so before writing (a case's mediators, its status as read), refusing as `changed` otherwise.
 */

/** Distinct keys, in first-seen order (a key listed twice would only cost a longer command). */
export function distinctKeys(...groups: readonly (readonly string[])[]): string[] {
  return [...new Set(groups.flat())];
}

/** What INTAKE_LUA touches per case: its record, its status, channel and flag sets, plus the archive (`archive`, lifecycle-keys.ts) and the arrival index. */
export function intakeKeys(
  k: CountyKeys,
  archive: string,
  items: readonly { id: string; channel: string; status?: string; flags?: readonly string[] }[],
): string[] {
  const perCase = items.flatMap((it) => [
    k.case(it.id),
    k.byStatus(it.status ?? 'referred'),
    k.byChannel(it.channel),
    ...(it.flags ?? []).map(k.byFlag),
  ]);
  return distinctKeys([archive, k.arrivals, k.arrivalsTrimmed], perCase);
}

/** Statuses a commit may take a case from: waiting, or set aside (a pin or an expired proposal, issue 16). */
const COMMITTABLE_FROM = [...WAITING_STATUSES, 'held', 'proposed'] as const;

/** What COMMIT_LUA touches: each case's record and its mediators' sets, the status sets it moves between, the proposal index. */
export function commitKeys(k: CountyKeys, entries: readonly { caseId: string; mediatorIds: readonly string[] }[]): string[] {
  const perCase = entries.flatMap((e) => [k.case(e.caseId), ...e.mediatorIds.map(k.byMediator)]);
  return distinctKeys([k.proposals, ...[...COMMITTABLE_FROM, 'assigned'].map(k.byStatus)], perCase);
}

/** What MARK_UNASSIGNED_LUA, SET_ASIDE_LUA and RELEASE_LUA touch: the cases, the status sets `from` → `to`, the proposal index. */
export function statusMoveKeys(k: CountyKeys, caseIds: readonly string[], from: readonly string[], to: string): string[] {
  return distinctKeys([k.proposals, ...[...from, to].map(k.byStatus)], caseIds.map(k.case));
}

/** Every status set of the county: for a script that moves a case from a status its caller did not read. */
export function allStatusKeys(k: CountyKeys): string[] {
  return CASE_STATUSES.map(k.byStatus);
}

/** A case file's write (see fileUpdateOf): the file hash and the calendars it unbooks from. */
export function fileUpdateKeys(
  file: { readonly key: string; readonly unbook: readonly (readonly [string, string])[] } | undefined,
): string[] {
  return file ? [file.key, ...file.unbook.map(([key]) => key)] : [];
}

/** What `remove_case` (case-removal.ts) touches beyond the case and file hashes, for a case of this removal payload. */
export function removalKeys(
  county: string,
  r: {
    readonly mediatorIds: readonly string[];
    readonly status: string;
    readonly channel: string;
    readonly calendars: readonly (readonly [string, string])[];
  },
): string[] {
  const k = countyKeys(county);
  return distinctKeys(
    r.mediatorIds.map(k.byMediator),
    [k.byStatus(r.status), k.byChannel(r.channel), ...REMOVED_FLAGS.map(k.byFlag)],
    r.calendars.map(([key]) => key),
  );
}

/** The intake flag sets `remove_case` clears (case-repo.ts intakeFlags), every one of them. */
const REMOVED_FLAGS: readonly CaseFlag[] = ['backfilled', 'overdue_at_import'];
