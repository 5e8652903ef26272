import { PRELUDE } from './scripts';

/**
 * Lua scripts of the dispatch modes (issue 16), with the KEYS/ARGV of every county script (see
 * scripts.ts). Each step is atomic per case and touches only a case that is still where the caller
 * saw it, so a dispatcher's pin is never overwritten by the batcher.
 */

/**
 * Sets waiting cases aside for a person: status `held`, out of the waiting index, `case.held`.
 * Payload: [{caseId, event}]. Returns JSON [caseId, ...] of the cases changed.
 */
export const HOLD_LUA = `${PRELUDE}
local items = cjson.decode(ARGV[4])
local changed = {}
for _, it in ipairs(items) do
  local ckey = prefix .. 'case:' .. it.caseId
  local st = redis.call('HGET', ckey, 'status')
  if st and is_waiting(st) then
    move_status(ckey, it.caseId, st, 'held')
    redis.call('HDEL', ckey, 'reason')
    redis.call('ZREM', KEYS[4], it.caseId)
    emit('case.held', it.event)
    changed[#changed + 1] = it.caseId
  end
end
return cjson.encode(changed)
`;

/**
 * Writes proposals on waiting cases: status `proposed`, the proposal, out of the waiting index and
 * into the proposals index (scored by expiry), `case.proposed`. No load is taken.
 * Payload: [{caseId, proposal, expiresAt (ms), event}]. Returns JSON [caseId, ...] of those written.
 */
export const PROPOSE_LUA = `${PRELUDE}
local items = cjson.decode(ARGV[4])
local written = {}
for _, it in ipairs(items) do
  local ckey = prefix .. 'case:' .. it.caseId
  local st = redis.call('HGET', ckey, 'status')
  if st and is_waiting(st) then
    move_status(ckey, it.caseId, st, 'proposed')
    redis.call('HSET', ckey, 'proposal', it.proposal)
    redis.call('HDEL', ckey, 'reason')
    redis.call('ZREM', KEYS[4], it.caseId)
    redis.call('ZADD', prefix .. 'proposals', it.expiresAt, it.caseId)
    emit('case.proposed', it.event)
    written[#written + 1] = it.caseId
  end
end
return cjson.encode(written)
`;

/**
 * An expired proposal that could not be committed: the case goes back to waiting, `unassigned`
 * with reason `conflict`, its proposal kept (the next dispatch treats it as auto).
 * Payload: {caseId, score, event}. Returns 1 when released, 0 when the case was not proposed.
 */
export const RELEASE_LUA = `${PRELUDE}
local it = cjson.decode(ARGV[4])
local ckey = prefix .. 'case:' .. it.caseId
redis.call('ZREM', prefix .. 'proposals', it.caseId)
if redis.call('HGET', ckey, 'status') ~= 'proposed' then return 0 end
move_status(ckey, it.caseId, 'proposed', 'unassigned')
redis.call('HSET', ckey, 'reason', 'conflict')
redis.call('ZADD', KEYS[4], it.score, it.caseId)
emit('case.unassigned', it.event)
return 1
`;
