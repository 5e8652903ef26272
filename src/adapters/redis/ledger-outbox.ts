/**
 * The ledger outbox (issue 19): every script that changes what the ledger records appends an entry
 * to the county's `ledger-outbox` stream in the same atomic step, so a change acknowledged in Redis
 * always leaves a trace the ledger projector reads (ledger-outbox.ts). Entries: `type`, `data` (the
 * event's JSON, or `{"caseId": …}` for a change that raises no event) and `event` (the id of the
 * matching entry of the event stream, empty when there is none).
 *
 * The outbox is trimmed by the projector once PostgreSQL holds its entries; the length cap only
 * guards a county whose projector never runs (a gap the projector detects and repairs by a full
 * re-read of the county).
 */
export const OUTBOX_MAX_LEN = 1_000_000;

/** Lua functions for the scripts: `to_outbox(outbox_key, type, data, event_id)` and `publish(events_key, outbox_key, maxlen, type, data)` → event id. */
export const LEDGER_OUTBOX_LUA = `
local function to_outbox(outbox_key, kind, data, event_id)
  redis.call('XADD', outbox_key, 'MAXLEN', '~', ${OUTBOX_MAX_LEN}, '*', 'type', kind, 'data', data, 'event', event_id)
end
local function publish(events_key, outbox_key, maxlen, kind, data)
  local id = redis.call('XADD', events_key, 'MAXLEN', '~', maxlen, '*', 'type', kind, 'data', data)
  to_outbox(outbox_key, kind, data, id)
  return id
end
`;

/** XADD arguments of an outbox entry for a change made outside a script (inside a MULTI). */
export function outboxEntry(type: string, data: unknown): (string | number)[] {
  return ['MAXLEN', '~', OUTBOX_MAX_LEN, '*', 'type', type, 'data', JSON.stringify(data), 'event', ''];
}
