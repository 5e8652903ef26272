import type { CaseFile } from '../../domain/lifecycle-file';
import { countyKeys } from './keys';
import { lifecycleKeys, type LifecycleKeys } from './lifecycle-keys';
import type { TiaojieRedis } from './redis-connection';

/**
 * Lua function `remove_case(prefix, p, file_key, case_key, cases_key, waiting_key, ids_key,
 * sessions_key, status)`: deletes a case's record and file and takes it out of every index, calendar
 * and the sessions hash — what retention does to a closed case, by archive or by eviction. Index
 * memberships are removed for every mediator the case ever had (the payload's list, which holds the
 * case's assignment as read: `unremovable` checks it still does) so no set keeps it. `p` is the
 * payload `currentRemoval` builds; every key it names is declared (removalKeys, script-keys.ts).
 */
export const REMOVE_CASE_LUA = `
-- 'gone' (no case record), 'changed' (the file's version, the case's status or its assignment's
-- mediators moved since read), or nil. The mediators' sets are declared keys (issue 21), so the
-- assignment must still name only mediators of the payload.
local function unremovable(file_key, case_key, version, status, mediator_ids)
  if redis.call('EXISTS', case_key) == 0 then return 'gone' end
  local cur = tonumber(redis.call('HGET', file_key, 'version') or '-1')
  if cur ~= tonumber(version) then return 'changed' end
  if redis.call('HGET', case_key, 'status') ~= status then return 'changed' end
  local assignment = redis.call('HGET', case_key, 'assignment')
  if assignment then
    local declared = {}
    for _, mid in ipairs(mediator_ids) do declared[mid] = true end
    for _, mid in ipairs(cjson.decode(assignment).mediatorIds or {}) do
      if not declared[mid] then return 'changed' end
    end
  end
  return nil
end
local function remove_case(prefix, p, file_key, case_key, cases_key, waiting_key, ids_key, sessions_key, st)
  -- p.mediatorIds holds the assignment's mediators too (checked by unremovable).
  for _, mid in ipairs(p.mediatorIds) do redis.call('SREM', prefix .. 'by-mediator:' .. mid, p.caseId) end
  redis.call('SREM', prefix .. 'by-status:' .. st, p.caseId)
  redis.call('SREM', prefix .. 'by-channel:' .. p.channel, p.caseId)
  -- issue 16 — intake: the flag sets INTAKE_LUA fills (case-repo.ts intakeFlags).
  for _, f in ipairs({ 'backfilled', 'overdue_at_import' }) do redis.call('SREM', prefix .. 'by-flag:' .. f, p.caseId) end
  redis.call('ZREM', cases_key, p.caseId)
  redis.call('ZREM', waiting_key, p.caseId)
  redis.call('ZREM', ids_key, p.caseId)
  for _, m in ipairs(p.sessions) do redis.call('HDEL', sessions_key, m) end
  for _, c in ipairs(p.calendars) do redis.call('ZREM', c[1], c[2]) end
  redis.call('DEL', file_key, case_key)
end
`;

/** What `remove_case` needs to find every entry of a case: its mediators, session members and calendar entries. */
export interface CaseRemoval {
  readonly caseId: string;
  readonly version: number;
  readonly status: string;
  readonly channel: string;
  readonly mediatorIds: readonly string[];
  readonly sessions: readonly string[];
  readonly calendars: readonly (readonly [string, string])[];
}

/**
 * The removal payload of a case file, with the mediators of the case's assignment as stored now:
 * their sets are keys the script must declare, so the caller reads them (the script refuses as
 * `changed` when the assignment moved since).
 */
export async function currentRemoval(
  redis: TiaojieRedis,
  county: string,
  file: CaseFile,
  status: string = file.status,
): Promise<CaseRemoval> {
  const removal = caseRemoval(file, lifecycleKeys(county), status);
  const stored = await redis.hget(countyKeys(county).case(file.caseId), 'assignment');
  const held = stored ? ((JSON.parse(stored) as { mediatorIds?: string[] }).mediatorIds ?? []) : [];
  return { ...removal, mediatorIds: [...new Set([...removal.mediatorIds, ...held])] };
}

/** The removal payload of a case file, with the status its record must still have. */
function caseRemoval(file: CaseFile, lk: LifecycleKeys, status: string = file.status): CaseRemoval {
  const mediatorIds = new Set([...file.excludedMediatorIds, ...file.attempts.flatMap((a) => a.mediatorIds)]);
  for (const h of file.history) for (const m of [...(h.mediatorIds ?? []), ...(h.fromMediatorIds ?? [])]) mediatorIds.add(m);
  const calendars: [string, string][] = [];
  for (const s of file.sessions) {
    const member = `${s.caseId}|${s.id}`;
    for (const m of s.mediatorIds) calendars.push([lk.mediatorCalendar(m), member]);
    calendars.push([lk.roomCalendar(s.roomId), member]);
  }
  return {
    caseId: file.caseId,
    version: file.version,
    status,
    channel: file.channel,
    mediatorIds: [...mediatorIds],
    sessions: file.sessions.map((s) => `${s.caseId}|${s.id}`),
    calendars,
  };
}
