import { CASE_STATUSES, isOpen, type CaseStatus } from '../../domain';
import type { CaseQuery } from '../../use-cases/cases/case-records';
import type { CountyKeys } from './keys';
import type { TiaojieRedis } from './redis-connection';

/** Statuses a case can still leave: the `open` filter's index sets. */
const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter(isOpen);

/** The filters of a query that the stored case document answers (no index set holds them). */
const hasDocFilter = (q: CaseQuery): boolean => q.class !== undefined || q.township !== undefined;

/** True when the query filters by nothing: every case of the county matches. */
export function filtersNothing(q: CaseQuery): boolean {
  return !q.status && !q.mediator && !q.channel && !q.open && !q.ids && (q.flags ?? []).length === 0 && !hasDocFilter(q);
}

function intersect(groups: readonly (readonly string[])[]): string[] {
  const [first, ...rest] = groups;
  if (first === undefined) return [];
  const others = rest.map((g) => new Set(g));
  return first.filter((id) => others.every((s) => s.has(id)));
}

/** Ids in every index the query names (status, mediator, channel, flags, open, ids); null when it names none. */
async function indexedIds(redis: TiaojieRedis, keys: CountyKeys, q: CaseQuery): Promise<string[] | null> {
  const sets = [
    q.status && keys.byStatus(q.status),
    q.mediator && keys.byMediator(q.mediator),
    q.channel && keys.byChannel(q.channel),
    ...(q.flags ?? []).map((f) => keys.byFlag(f)),
  ].filter((k): k is string => !!k);
  const groups: string[][] = [];
  const [only] = sets;
  if (sets.length === 1 && only !== undefined) groups.push(await redis.smembers(only));
  else if (sets.length > 1) groups.push(await redis.sinter(...sets));
  if (q.open) groups.push(await redis.sunion(...OPEN_STATUSES.map((s) => keys.byStatus(s))));
  if (q.ids) groups.push([...new Set(q.ids)]);
  return groups.length === 0 ? null : intersect(groups);
}

/** The ids in referral order (oldest first, then by id); ids the county does not hold (any more) are dropped. */
async function inReferralOrder(redis: TiaojieRedis, keys: CountyKeys, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const scores = await redis.zmscore(keys.cases, ...ids);
  return ids
    .map((id, i) => ({ id, score: scores[i] }))
    .filter((x): x is { id: string; score: string } => x.score !== null && x.score !== undefined)
    .map((x) => ({ id: x.id, score: Number(x.score) }))
    .sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : 1))
    .map((x) => x.id);
}

/** Keeps the ids whose stored document has the query's class and township (both live in the `doc` field). */
async function byDocument(redis: TiaojieRedis, keys: CountyKeys, ids: readonly string[], q: CaseQuery): Promise<string[]> {
  if (!hasDocFilter(q) || ids.length === 0) return [...ids];
  const pipe = redis.pipeline();
  for (const id of ids) pipe.hget(keys.case(id), 'doc');
  const docs = (await pipe.exec()) ?? [];
  return ids.filter((_, i) => {
    const [err, raw] = docs[i] ?? [null, null];
    if (err) throw err;
    if (typeof raw !== 'string') return false;
    const doc = JSON.parse(raw) as { class?: string; township?: string };
    return (!q.class || doc.class === q.class) && (!q.township || doc.township === q.township);
  });
}

/**
 * Every case id matching the query's filters, oldest referral first, before paging. Index sets
 * answer status, mediator, channel, flags and `open`; class and township are read from the
 * documents of the cases the indexes left, since escalation rewrites the class in the document.
 */
export async function matchingCaseIds(redis: TiaojieRedis, keys: CountyKeys, q: CaseQuery): Promise<string[]> {
  const indexed = await indexedIds(redis, keys, q);
  const ordered = indexed === null ? await redis.zrange(keys.cases, '0', '-1') : await inReferralOrder(redis, keys, indexed);
  return byDocument(redis, keys, ordered, q);
}

/** Cases per status among those matching the query (its `status` filter and paging aside). */
export async function countCasesByStatus(
  redis: TiaojieRedis,
  keys: CountyKeys,
  q: CaseQuery,
): Promise<Partial<Record<CaseStatus, number>>> {
  const rest: CaseQuery = { ...q, status: undefined, open: undefined };
  const statuses = q.open ? OPEN_STATUSES : CASE_STATUSES;
  const counts: Partial<Record<CaseStatus, number>> = {};
  if (filtersNothing(rest)) {
    // Only `open` or nothing: the status indexes' sizes, without reading a case.
    const sizes = await Promise.all(statuses.map((s) => redis.scard(keys.byStatus(s))));
    statuses.forEach((s, i) => {
      if (sizes[i]) counts[s] = sizes[i];
    });
    return counts;
  }
  const ids = await matchingCaseIds(redis, keys, { ...rest, open: q.open });
  const pipe = redis.pipeline();
  for (const id of ids) pipe.hget(keys.case(id), 'status');
  for (const [err, status] of (await pipe.exec()) ?? []) {
    if (err) throw err;
    const s = status as CaseStatus | null;
    if (s && statuses.includes(s)) counts[s] = (counts[s] ?? 0) + 1;
  }
  return counts;
}
