/**
 * Cases as a board lists them, read in Redis: each case's `doc`, `status` and `reason` as stored,
 * and of its `assignment` and `proposal` only who, by whom and when. An assignment carries its
 * explanation (about 4 kB in two languages): 2,000 of them through the client took 0.75 s of the
 * route's 0.8 s on a loaded 2-core machine; decoded here, the script takes about 0.2 s there (the
 * same read without the assignment at all: about 0.08 s). Matching the fields out of the text
 * instead of decoding it was no faster.
 *
 * KEYS    the case hashes (every key read is declared: issue 21, Redis Cluster)
 * ARGV    their case ids, in the same order
 * Returns one `{id, doc, status, reason, assignment, proposal}` array per case found (empty string
 * for a field not set); `assignment` is `[mediatorIds, by, assignedAt]` and `proposal`
 * `[mediatorIds, expiresAt]`, as JSON.
 */
export const CASE_SUMMARIES_LUA = `
local out = {}
for i = 1, #ARGV do
  local h = redis.call('HMGET', KEYS[i], 'doc', 'status', 'reason', 'assignment', 'proposal')
  if h[1] then
    local a = ''
    if h[4] then
      local x = cjson.decode(h[4])
      a = cjson.encode({x.mediatorIds, x.by or 'optimizer', x.assignedAt})
    end
    local p = ''
    if h[5] then
      local x = cjson.decode(h[5])
      p = cjson.encode({x.mediatorIds, x.expiresAt})
    end
    out[#out + 1] = {ARGV[i], h[1], h[2] or '', h[3] or '', a, p}
  end
end
return out
`;
