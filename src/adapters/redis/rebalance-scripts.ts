import { LEDGER_OUTBOX_LUA } from './ledger-outbox';

/**
 * Applies a rebalance's reassignments in one script, so the whole batch is atomic against every
 * dispatch commit, lifecycle commit and API call of the county (all keys share its hash tag).
 * Each case is checked and applied all or nothing; cases whose new mediator is full are retried
 * after the others (a chain of moves frees room first), until no more progress.
 *
 * Fenced by the county lock: unless KEYS[8] still holds this run's token, nothing is written and
 * the script returns { lost = true } (the run outlived its lock; live dispatch may be running).
 *
 * KEYS: 1 capacity, 2 mediator-status, 3 loads, 4 events, 5 cases, 6 lifecycle file ids, 7 sessions,
 *       8 rebalance lock, 9 ledger outbox, 10… every other key it touches (issue 21): each case's hash,
 *       the sets of the mediators it moves between, its file hash and the calendars it unbooks from
 * ARGV: 1 key prefix, 2 events max length, 3 now (ISO), 4 JSON payload, 5 lock token:
 *   { entries: [{ caseId, status, expected ("id|id"), assignment (JSON string), moves: [[from, to]],
 *                 event (JSON string), file?: { key, expected (version, −1 = none stored), version, json,
 *                 unbook: [[calendar zset, member]], sessions: [member] } }] }
 * Returns JSON { a: [caseId, eventId, ...], r: [[caseId, reason, mediatorId], ...] }.
 */
export const REBALANCE_APPLY_LUA = `${LEDGER_OUTBOX_LUA}
local prefix, maxlen, now = ARGV[1], tonumber(ARGV[2]), ARGV[3]
if redis.call('GET', KEYS[8]) ~= ARGV[5] then return cjson.encode({ lost = true }) end
local p = cjson.decode(ARGV[4])

local function check(e)
  local ckey = prefix .. 'case:' .. e.caseId
  local st = redis.call('HGET', ckey, 'status')
  if not st then return 'unknown_case', '' end
  local a = redis.call('HGET', ckey, 'assignment')
  if st ~= e.status or not a then return 'changed', '' end
  local cur = cjson.decode(a)
  if table.concat(cur.mediatorIds, '|') ~= e.expected then return 'changed', '' end
  if cur.by == 'dispatcher' then return 'pinned', '' end
  if type(e.file) == 'table' then
    local v = tonumber(redis.call('HGET', e.file.key, 'version') or '-1')
    if v ~= tonumber(e.file.expected) then return 'changed', '' end
  end
  for _, mv in ipairs(e.moves) do
    local to = mv[2]
    local cap = redis.call('HGET', KEYS[1], to)
    if not cap then return 'unknown_mediator', to end
    if redis.call('HGET', KEYS[2], to) == 'on_leave' then return 'mediator_unavailable', to end
    local load = tonumber(redis.call('HGET', KEYS[3], to) or '0')
    if load + 1 > tonumber(cap) then return 'over_capacity', to end
  end
  return nil, ''
end

local function apply(e)
  for _, mv in ipairs(e.moves) do
    local from, to = mv[1], mv[2]
    local l = tonumber(redis.call('HGET', KEYS[3], from) or '0')
    if l > 0 then redis.call('HINCRBY', KEYS[3], from, -1) end
    redis.call('HINCRBY', KEYS[3], to, 1)
    redis.call('SREM', prefix .. 'by-mediator:' .. from, e.caseId)
    redis.call('SADD', prefix .. 'by-mediator:' .. to, e.caseId)
  end
  redis.call('HSET', prefix .. 'case:' .. e.caseId, 'assignment', e.assignment, 'updatedAt', now)
  if type(e.file) == 'table' then
    redis.call('HSET', e.file.key, 'file', e.file.json, 'version', e.file.version)
    redis.call('ZADD', KEYS[6], 'NX', redis.call('ZSCORE', KEYS[5], e.caseId) or '0', e.caseId)
    for _, u in ipairs(e.file.unbook or {}) do redis.call('ZREM', u[1], u[2]) end
    for _, m in ipairs(e.file.sessions or {}) do redis.call('HDEL', KEYS[7], m) end
  end
  return publish(KEYS[4], KEYS[9], maxlen, 'case.reassigned', e.event)
end

local applied, refused = {}, {}
local pending = p.entries
local progress = true
while progress and #pending > 0 do
  progress = false
  local nextp = {}
  for _, e in ipairs(pending) do
    local why, who = check(e)
    if why == 'over_capacity' then
      nextp[#nextp + 1] = e
    elseif why then
      refused[#refused + 1] = { e.caseId, why, who }
    else
      applied[#applied + 1] = e.caseId
      applied[#applied + 1] = apply(e)
      progress = true
    end
  end
  pending = nextp
end
for _, e in ipairs(pending) do
  local why, who = check(e)
  refused[#refused + 1] = { e.caseId, why or 'changed', who }
end
return cjson.encode({ a = applied, r = refused })
`;
