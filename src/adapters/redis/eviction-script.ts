import { REMOVE_CASE_LUA } from './case-removal';

/**
 * Retention with a ledger (issue 19): a closed case leaves Redis entirely, in one step, when the
 * file is still at the version and the case at the status the ledger holds, the case's summonses are
 * exactly the ones the ledger holds at their versions and none is open, and no outbox entry after
 * `outboxAfter` names the case or one of those summonses (the ledger would miss that change).
 * Else 'changed'; a case no longer held is 'gone'. See REMOVE_CASE_LUA for what is removed of the case.
 *
 * KEYS: 1 file hash, 2 case hash, 3 cases, 4 waiting, 5 file ids, 6 sessions, 7 ledger outbox,
 *       8 summons docs, 9 summons versions, 10 summons by due, 11 open summonses, 12 the case's summonses,
 *       13… every other key `remove_case` touches (removalKeys, script-keys.ts)
 * ARGV: 1 key prefix, 2 JSON payload: CaseRemoval (case-removal.ts), summons ({id: version}), outboxAfter
 * Returns 'evicted' | 'changed' | 'gone'.
 */
export const EVICT_CASE_LUA = `${REMOVE_CASE_LUA}
local prefix = ARGV[1]
local p = cjson.decode(ARGV[2])
local refused = unremovable(KEYS[1], KEYS[2], p.version, p.status, p.mediatorIds)
if refused then return refused end
local st = p.status
local summons = {}
local expected = 0
for _ in pairs(p.summons) do expected = expected + 1 end
local held = redis.call('ZRANGE', KEYS[12], 0, -1)
if #held ~= expected then return 'changed' end
for _, sid in ipairs(held) do
  if redis.call('ZSCORE', KEYS[11], sid) then return 'changed' end
  local v = redis.call('HGET', KEYS[9], sid)
  if p.summons[sid] == nil or tonumber(v) ~= tonumber(p.summons[sid]) then return 'changed' end
  summons[sid] = true
end
for _, e in ipairs(redis.call('XRANGE', KEYS[7], '(' .. p.outboxAfter, '+')) do
  local f = e[2]
  for i = 1, #f, 2 do
    if f[i] == 'data' then
      local ok, d = pcall(cjson.decode, f[i + 1])
      if ok and type(d) == 'table' and (d.caseId == p.caseId or (type(d.summonsId) == 'string' and summons[d.summonsId])) then
        return 'changed'
      end
    end
  end
end
remove_case(prefix, p, KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], st)
for sid in pairs(summons) do
  redis.call('HDEL', KEYS[8], sid)
  redis.call('HDEL', KEYS[9], sid)
  redis.call('ZREM', KEYS[10], sid)
end
redis.call('DEL', KEYS[12])
return 'evicted'
`;
