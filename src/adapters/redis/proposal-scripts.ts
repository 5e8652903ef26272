import { PRELUDE } from './scripts';

/**
 * Lua scripts of the dispatch modes (issue 16), with the KEYS/ARGV of every county script (see
 * scripts.ts; their declared keys: statusMoveKeys in script-keys.ts). Each step is atomic per case and touches only a case that is still where the caller
 * saw it, so a dispatcher's pin is never overwritten by the batcher.
 */

/**
 * Sets waiting cases aside, out of the waiting index: for a person (`held`, `case.held`) or with
 * the optimizer's proposal (`proposed`, the proposal stored and indexed by expiry, `case.proposed`;
 * no load is taken). Payload: [{caseId, event, proposal?, expiresAt? (ms)}]; ARGV[5] the status.
 * Returns JSON [caseId, ...] of the cases changed.
 */
export const SET_ASIDE_LUA = `${PRELUDE}
local items = cjson.decode(ARGV[4])
local to = ARGV[5]
local changed = {}
for _, it in ipairs(items) do
  local ckey = prefix .. 'case:' .. it.caseId
  local st = redis.call('HGET', ckey, 'status')
  if st and is_waiting(st) then
    move_status(ckey, it.caseId, st, to)
    redis.call('HDEL', ckey, 'reason')
    redis.call('ZREM', KEYS[4], it.caseId)
    if to == 'proposed' then
      redis.call('HSET', ckey, 'proposal', it.proposal)
      redis.call('ZADD', prefix .. 'proposals', it.expiresAt, it.caseId)
    end
    emit('case.' .. to, it.event)
    changed[#changed + 1] = it.caseId
  end
end
return cjson.encode(changed)
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
