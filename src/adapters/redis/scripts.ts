import { LEDGER_OUTBOX_LUA } from './ledger-outbox';

/**
 * Lua scripts for the read-check-write steps that must be atomic. Each runs on one county: every
 * key it touches shares the county hash tag. Inputs arrive as one JSON argument (decoded only —
 * values are stored as the strings the caller built, never re-encoded by cjson, which would turn
 * `[]` into `{}`).
 *
 * KEYS (all scripts): 1 capacity, 2 mediator-status, 3 loads, 4 waiting, 5 events, 6 cases, 7 ledger outbox,
 *       8… every other key the script touches (issue 21: Redis Cluster routes by KEYS and does not support
 *       an undeclared key): the case hashes, the status, channel, flag and mediator sets, the proposal
 *       index, the archive and arrival index, as script-keys.ts names them for the call. The scripts
 *       build the same names from the prefix; a status set the case comes from is declared as the whole
 *       family the script accepts (it checks the status first).
 * ARGV: 1 key prefix, 2 events max length, 3 now (ISO), 4 JSON payload
 */

export const PRELUDE = `${LEDGER_OUTBOX_LUA}
local prefix, maxlen, now = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local function emit(kind, data)
  return publish(KEYS[5], KEYS[7], maxlen, kind, data)
end
local function is_waiting(st) return st == 'referred' or st == 'unassigned' end
-- issue 16: a case waiting for a person; only a dispatcher's or a proposal's commit assigns it.
local function is_set_aside(st) return st == 'held' or st == 'proposed' end
local function move_status(ckey, cid, from, to)
  if from then redis.call('SREM', prefix .. 'by-status:' .. from, cid) end
  redis.call('SADD', prefix .. 'by-status:' .. to, cid)
  redis.call('HSET', ckey, 'status', to, 'updatedAt', now)
end
`;

/**
 * Intake: creates each case that does not exist yet (neither held, archived nor `known`), in its initial status (`referred` when
 * absent), and counts it in the arrival index (issue 20). Payload: [{id, doc, channel, score, event, flags?, status?,
 * arrival?: {day, class, keepFrom}, known?}] — `day` the UTC day number of the referral, `keepFrom` the oldest day the index
 * keeps, `known` true when the ledger holds the case (issue 19: retention evicted it from Redis).
 * Returns a JSON array, in order: 1 (created), the stored doc string (a held case, for the caller to
 * compare with the re-posted one) or 0 (an archived or evicted case).
 */
export const INTAKE_LUA = `${PRELUDE}
local items = cjson.decode(ARGV[4])
local out = {}
-- issue 16 — intake: flag sets (e.g. backfilled, overdue_at_import) that GET /v1/cases filters by.
local function add_flags(id, flags)
  if type(flags) ~= 'table' then return end
  for _, f in ipairs(flags) do redis.call('SADD', prefix .. 'by-flag:' .. f, id) end
end
-- issue 20 — the arrival index (arrival-index.ts): referrals per UTC day and class, with the case's
-- admission so that it never counts a case twice nor misses one. Bounded: once per new oldest day,
-- the days before it are dropped (a few thousand fields at most).
local function count_arrival(a)
  if type(a) ~= 'table' then return end
  local key = prefix .. 'arrivals'
  if a.day >= a.keepFrom then redis.call('HINCRBY', key, string.format('%d:%s', a.day, a.class), 1) end
  local mark = prefix .. 'arrivals-trimmed'
  if tonumber(redis.call('GET', mark) or '-1') < a.keepFrom then
    for _, f in ipairs(redis.call('HKEYS', key)) do
      if tonumber(string.match(f, '^(%d+):')) < a.keepFrom then redis.call('HDEL', key, f) end
    end
    redis.call('SET', mark, string.format('%d', a.keepFrom))
  end
end
for i, it in ipairs(items) do
  local ckey = prefix .. 'case:' .. it.id
  -- An archived case (lifecycleKeys().archive) or one the ledger holds is known too: its id is never reused.
  if redis.call('EXISTS', ckey) == 1 then
    out[i] = redis.call('HGET', ckey, 'doc') or 0
  elseif it.known or redis.call('HEXISTS', prefix .. 'archive', it.id) == 1 then
    out[i] = 0
  else
    add_flags(it.id, it.flags)
    redis.call('HSET', ckey, 'doc', it.doc)
    -- issue 16 — consent: a case awaiting consent is held but not in the waiting set (never dispatched).
    local st = it.status or 'referred'
    move_status(ckey, it.id, false, st)
    redis.call('ZADD', KEYS[6], it.score, it.id)
    if is_waiting(st) then redis.call('ZADD', KEYS[4], it.score, it.id) end
    redis.call('SADD', prefix .. 'by-channel:' .. it.channel, it.id)
    emit('case.referred', it.event)
    count_arrival(it.arrival)
    out[i] = 1
  end
end
return cjson.encode(out)
`;

/**
 * Commits assignments, each all-or-nothing, in order (see DispatchStore.commitAssignments).
 * Payload: {entries: [{caseId, mediatorIds, assignment, event, open?, lead?, leadEvent?}]}. Capacity
 * is always enforced, for manual pins too. `open` entries (a dispatcher's pin or confirmation, an
 * expired proposal) may also assign a `held` or `proposed` case; `lead` is an event emitted just
 * before `case.assigned`. A commit drops the case's proposal.
 * Returns JSON {c: [caseId, eventId, ...], r: [[caseId, reason, mediatorId], ...]}.
 */
export const COMMIT_LUA = `${PRELUDE}
local payload = cjson.decode(ARGV[4])
local committed, refused = {}, {}
local pending = {}
for _, e in ipairs(payload.entries) do
  local ckey = prefix .. 'case:' .. e.caseId
  local st = redis.call('HGET', ckey, 'status')
  local refusal, who = nil, nil
  if not st then refusal = 'unknown_case'
  elseif not (is_waiting(st) or (e.open and is_set_aside(st))) then refusal = 'already_assigned'
  else
    local seen = {}
    for _, mid in ipairs(e.mediatorIds) do
      local cap = redis.call('HGET', KEYS[1], mid)
      if not cap then refusal, who = 'unknown_mediator', mid; break end
      if redis.call('HGET', KEYS[2], mid) == 'on_leave' then refusal, who = 'mediator_unavailable', mid; break end
      if seen[mid] then refusal, who = 'duplicate_mediator', mid; break end
      seen[mid] = true
      local load = tonumber(redis.call('HGET', KEYS[3], mid) or '0')
      if load + 1 > tonumber(cap) then refusal, who = 'over_capacity', mid; break end
    end
  end
  if refusal then
    refused[#refused + 1] = { e.caseId, refusal, who or '' }
  else
    for _, mid in ipairs(e.mediatorIds) do
      redis.call('HINCRBY', KEYS[3], mid, 1)
      redis.call('SADD', prefix .. 'by-mediator:' .. mid, e.caseId)
    end
    move_status(ckey, e.caseId, st, 'assigned')
    redis.call('HSET', ckey, 'assignment', e.assignment)
    redis.call('HDEL', ckey, 'reason', 'proposal')
    redis.call('ZREM', KEYS[4], e.caseId)
    redis.call('ZREM', prefix .. 'proposals', e.caseId)
    if e.lead then emit(e.lead, e.leadEvent) end
    committed[#committed + 1] = e.caseId
    committed[#committed + 1] = emit('case.assigned', e.event)
  end
end
return cjson.encode({ c = committed, r = refused })
`;

/**
 * Marks waiting cases unassigned with a reason. Payload: [{caseId, reason, event}]. A case no
 * longer waiting is left alone; the event is emitted only when status or reason changes, so a
 * repeated dispatch of a hopeless case does not flood the stream.
 * Returns JSON [caseId, eventId, ...] of the cases that changed.
 */
export const MARK_UNASSIGNED_LUA = `${PRELUDE}
local items = cjson.decode(ARGV[4])
local changed = {}
for _, it in ipairs(items) do
  local ckey = prefix .. 'case:' .. it.caseId
  local st = redis.call('HGET', ckey, 'status')
  if st and is_waiting(st) then
    local old = redis.call('HGET', ckey, 'reason')
    if st ~= 'unassigned' or old ~= it.reason then
      move_status(ckey, it.caseId, st, 'unassigned')
      redis.call('HSET', ckey, 'reason', it.reason)
      changed[#changed + 1] = it.caseId
      changed[#changed + 1] = emit('case.unassigned', it.event)
    end
  end
end
return cjson.encode(changed)
`;
