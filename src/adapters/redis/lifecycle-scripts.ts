import { REMOVE_CASE_LUA } from './case-removal';
import { LEDGER_OUTBOX_LUA } from './ledger-outbox';

/**
 * The lifecycle's compare-and-set commit, atomic against dispatch commits and other API calls
 * (every key shares the county hash tag). Strings built by the caller are stored as given, never
 * re-encoded by cjson (which would turn `[]` into `{}`).
 *
 * KEYS: 1 file hash, 2 case hash, 3 loads, 4 events, 5 waiting, 6 cases, 7 file ids, 8 sessions,
 *       9 outcomes, 10 ledger outbox, 11… every other key it touches (issue 21): the status sets the
 *       case moves between (all of them when the caller did not read its status), the load outcomes,
 *       the calendars of `calendar`
 * ARGV: 1 key prefix, 2 events max length, 3 now (ISO), 4 JSON payload:
 *   { caseId, expected (version, −1 = no file yet), caseStatus (as read; another value = conflict), version, file, status, doc?, released: [id],
 *     outcomes: [[mediatorId|category, settled 0/1]], loadOutcomes?: [[mediatorId|category|ratio‰, settled 0/1]], events: [[type, data]],
 *     calendar: [[zsetKey, member, score (−1 = remove)]], sessions: [[member, json (""=remove)]] }
 * Returns 'ok' | 'conflict' | 'unknown_case'.
 */
export const LIFECYCLE_COMMIT_LUA = `${LEDGER_OUTBOX_LUA}
local prefix, maxlen, now = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local p = cjson.decode(ARGV[4])
local cur = tonumber(redis.call('HGET', KEYS[1], 'version') or '-1')
if cur ~= tonumber(p.expected) then return 'conflict' end
local st = redis.call('HGET', KEYS[2], 'status')
if not st then return 'unknown_case' end
if p.caseStatus ~= cjson.null and p.caseStatus ~= nil and st ~= p.caseStatus then return 'conflict' end
redis.call('HSET', KEYS[1], 'file', p.file, 'version', p.version)
local score = redis.call('ZSCORE', KEYS[6], p.caseId) or '0'
redis.call('ZADD', KEYS[7], 'NX', score, p.caseId)
if st ~= p.status then
  redis.call('SREM', prefix .. 'by-status:' .. st, p.caseId)
  redis.call('SADD', prefix .. 'by-status:' .. p.status, p.caseId)
  redis.call('HSET', KEYS[2], 'status', p.status, 'updatedAt', now)
end
if p.status == 'referred' or p.status == 'unassigned' then
  redis.call('ZADD', KEYS[5], score, p.caseId)
else
  redis.call('ZREM', KEYS[5], p.caseId)
end
if p.doc then
  redis.call('HSET', KEYS[2], 'doc', p.doc)
  redis.call('HDEL', KEYS[2], 'assignment', 'reason')
end
for _, mid in ipairs(p.released) do
  local load = tonumber(redis.call('HGET', KEYS[3], mid) or '0')
  if load > 0 then redis.call('HINCRBY', KEYS[3], mid, -1) end
end
for _, o in ipairs(p.outcomes) do
  local v = redis.call('HGET', KEYS[9], o[1]) or '0,0'
  local s, a = string.match(v, '^(%d+),(%d+)$')
  redis.call('HSET', KEYS[9], o[1], (tonumber(s or '0') + o[2]) .. ',' .. (tonumber(a or '0') + 1))
end
-- issue 20 — load-aware success: the same outcomes by the load the seat was taken at (load-outcomes.ts).
for _, o in ipairs(p.loadOutcomes or {}) do
  local key = prefix .. 'load-outcomes'
  local v = redis.call('HGET', key, o[1]) or '0,0'
  local s, a = string.match(v, '^(%d+),(%d+)$')
  redis.call('HSET', key, o[1], (tonumber(s or '0') + o[2]) .. ',' .. (tonumber(a or '0') + 1))
end
for _, c in ipairs(p.calendar) do
  if tonumber(c[3]) < 0 then redis.call('ZREM', c[1], c[2]) else redis.call('ZADD', c[1], c[3], c[2]) end
end
for _, s in ipairs(p.sessions) do
  if s[2] == '' then redis.call('HDEL', KEYS[8], s[1]) else redis.call('HSET', KEYS[8], s[1], s[2]) end
end
for _, e in ipairs(p.events) do
  publish(KEYS[4], KEYS[10], maxlen, e[1], e[2])
end
-- A change that raises no event (a session booked, an arrival recorded) still reaches the ledger.
if #p.events == 0 then to_outbox(KEYS[10], 'case.changed', cjson.encode({ caseId = p.caseId }), '') end
return 'ok'
`;

/**
 * Retention without a ledger: replaces a closed case's record and lifecycle keys by its archived
 * record, when the file is still at the version and the case at the status it was read with (else
 * 'changed'; a case already archived by another worker is 'gone'). See REMOVE_CASE_LUA.
 *
 * KEYS: 1 file hash, 2 case hash, 3 archive hash, 4 cases, 5 waiting, 6 file ids, 7 sessions,
 *       8… every other key `remove_case` touches (removalKeys, script-keys.ts)
 * ARGV: 1 key prefix, 2 JSON payload: CaseRemoval (case-removal.ts) and record (string)
 * Returns 'archived' | 'changed' | 'gone'.
 */
export const ARCHIVE_CASE_LUA = `${REMOVE_CASE_LUA}
local prefix = ARGV[1]
local p = cjson.decode(ARGV[2])
local refused = unremovable(KEYS[1], KEYS[2], p.version, p.status, p.mediatorIds)
if refused then return refused end
local st = p.status
remove_case(prefix, p, KEYS[1], KEYS[2], KEYS[4], KEYS[5], KEYS[6], KEYS[7], st)
redis.call('HSET', KEYS[3], p.caseId, p.record)
return 'archived'
`;

/** One county-wide event (no case change) and its ledger outbox entry. KEYS: 1 events, 2 outbox; ARGV: 1 max length, 2 type, 3 data. */
export const PUBLISH_ONE_LUA = `${LEDGER_OUTBOX_LUA}
return publish(KEYS[1], KEYS[2], tonumber(ARGV[1]), ARGV[2], ARGV[3])
`;
