import { LEDGER_OUTBOX_LUA } from './ledger-outbox';

/**
 * Summons writes, atomic with their index entries and events (every key shares the county hash
 * tag, and every key is declared). Strings built by the caller are stored as given.
 *
 * KEYS (both scripts): 1 docs hash, 2 versions hash, 3 by-due zset, 4 open zset, 5 events stream,
 *       6 the case's summons zset, 7 ledger outbox
 * ARGV: 1 events max length, 2 JSON payload.
 */

/**
 * Creates summonses of one case; an id already stored is left as it is.
 * Payload: { items: [[id, doc, version, score]], events: [[type, data]] }. Returns the number created.
 */
export const SUMMONS_CREATE_LUA = `${LEDGER_OUTBOX_LUA}
local maxlen = tonumber(ARGV[1])
local p = cjson.decode(ARGV[2])
local created = 0
for _, it in ipairs(p.items) do
  if redis.call('HSETNX', KEYS[1], it[1], it[2]) == 1 then
    redis.call('HSET', KEYS[2], it[1], it[3])
    redis.call('ZADD', KEYS[3], it[4], it[1])
    redis.call('ZADD', KEYS[4], it[4], it[1])
    redis.call('ZADD', KEYS[6], it[4], it[1])
    if #p.events == 0 then to_outbox(KEYS[7], 'summons.changed', cjson.encode({ summonsId = it[1] }), '') end
    created = created + 1
  end
end
for _, e in ipairs(p.events) do
  publish(KEYS[5], KEYS[7], maxlen, e[1], e[2])
end
return created
`;

/**
 * Compare-and-set of one summons: writes it when the stored version is still \`expected\`.
 * Payload: { id, expected, version, doc, open (bool), events: [[type, data]] }.
 * Returns 'ok' | 'conflict' | 'not_found'.
 */
export const SUMMONS_COMMIT_LUA = `${LEDGER_OUTBOX_LUA}
local maxlen = tonumber(ARGV[1])
local p = cjson.decode(ARGV[2])
local cur = redis.call('HGET', KEYS[2], p.id)
if not cur then return 'not_found' end
if tonumber(cur) ~= tonumber(p.expected) then return 'conflict' end
redis.call('HSET', KEYS[1], p.id, p.doc)
redis.call('HSET', KEYS[2], p.id, p.version)
if not p.open then redis.call('ZREM', KEYS[4], p.id) end
for _, e in ipairs(p.events) do
  publish(KEYS[5], KEYS[7], maxlen, e[1], e[2])
end
if #p.events == 0 then to_outbox(KEYS[7], 'summons.changed', cjson.encode({ summonsId = p.id }), '') end
return 'ok'
`;
