import { LEDGER_OUTBOX_LUA } from './ledger-outbox';

/**
 * A dispatcher's reassignment of one case, in one script: atomic against dispatch commits, the
 * lifecycle's commits and a rebalance apply (every key shares the county hash tag). Compare-and-set
 * on the case's status, its current mediators and its lifecycle file's version: whichever writer
 * comes second finds the case changed and is refused. Unlike the rebalance's apply it is not fenced
 * by the rebalance lock and moves pinned cases (a dispatcher may change their own or another's pin).
 *
 * KEYS: 1 capacity, 2 mediator-status, 3 loads, 4 events, 5 cases, 6 lifecycle file ids, 7 sessions,
 *       8 ledger outbox, 9… every other key it touches (issue 21): the case hash, its status sets, the
 *       sets of its old and new mediators, the file hash and the calendars it unbooks from
 * ARGV: 1 key prefix, 2 events max length, 3 now (ISO), 4 JSON payload:
 *   { caseId, expectedStatus, expected ("id|id"), status, assignment (JSON string), mediatorIds: [id],
 *     event (JSON string), file?: { key, expected (version, −1 = none stored), version, json,
 *     unbook: [[calendar zset, member]], sessions: [member] } }
 * Returns JSON { ok = eventId } or { r = reason, m = mediatorId }; reasons: unknown_case, changed,
 * unknown_mediator, mediator_unavailable, over_capacity.
 */
export const DISPATCHER_REASSIGN_LUA = `${LEDGER_OUTBOX_LUA}
local prefix, maxlen, now = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local e = cjson.decode(ARGV[4])
local ckey = prefix .. 'case:' .. e.caseId
local st = redis.call('HGET', ckey, 'status')
if not st then return cjson.encode({ r = 'unknown_case', m = '' }) end
local a = redis.call('HGET', ckey, 'assignment')
if st ~= e.expectedStatus or not a then return cjson.encode({ r = 'changed', m = '' }) end
local old = cjson.decode(a).mediatorIds
if table.concat(old, '|') ~= e.expected then return cjson.encode({ r = 'changed', m = '' }) end
if type(e.file) == 'table' then
  local v = tonumber(redis.call('HGET', e.file.key, 'version') or '-1')
  if v ~= tonumber(e.file.expected) then return cjson.encode({ r = 'changed', m = '' }) end
end
local staying, arriving = {}, {}
for _, mid in ipairs(old) do staying[mid] = false end
for _, mid in ipairs(e.mediatorIds) do
  if staying[mid] == nil then arriving[#arriving + 1] = mid else staying[mid] = true end
end
for _, mid in ipairs(arriving) do
  local cap = redis.call('HGET', KEYS[1], mid)
  if not cap then return cjson.encode({ r = 'unknown_mediator', m = mid }) end
  if redis.call('HGET', KEYS[2], mid) == 'on_leave' then return cjson.encode({ r = 'mediator_unavailable', m = mid }) end
  local load = tonumber(redis.call('HGET', KEYS[3], mid) or '0')
  if load + 1 > tonumber(cap) then return cjson.encode({ r = 'over_capacity', m = mid }) end
end
for _, mid in ipairs(old) do
  if not staying[mid] then
    local l = tonumber(redis.call('HGET', KEYS[3], mid) or '0')
    if l > 0 then redis.call('HINCRBY', KEYS[3], mid, -1) end
    redis.call('SREM', prefix .. 'by-mediator:' .. mid, e.caseId)
  end
end
for _, mid in ipairs(arriving) do
  redis.call('HINCRBY', KEYS[3], mid, 1)
  redis.call('SADD', prefix .. 'by-mediator:' .. mid, e.caseId)
end
if e.status ~= st then
  redis.call('SREM', prefix .. 'by-status:' .. st, e.caseId)
  redis.call('SADD', prefix .. 'by-status:' .. e.status, e.caseId)
end
redis.call('HSET', ckey, 'status', e.status, 'assignment', e.assignment, 'updatedAt', now)
if type(e.file) == 'table' then
  redis.call('HSET', e.file.key, 'file', e.file.json, 'version', e.file.version)
  redis.call('ZADD', KEYS[6], 'NX', redis.call('ZSCORE', KEYS[5], e.caseId) or '0', e.caseId)
  for _, u in ipairs(e.file.unbook or {}) do redis.call('ZREM', u[1], u[2]) end
  for _, m in ipairs(e.file.sessions or {}) do redis.call('HDEL', KEYS[7], m) end
end
local id = publish(KEYS[4], KEYS[8], maxlen, 'case.reassigned', e.event)
return cjson.encode({ ok = id })
`;
