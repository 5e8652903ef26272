import type { CountyKeys } from './keys';

/** The KEYS and ARGV every county script takes (see scripts.ts), with its JSON payload. */
export function scriptArgs(keys: CountyKeys, eventsMaxLen: number, payload: unknown): (string | number)[] {
  return [
    keys.capacity,
    keys.mediatorStatus,
    keys.loads,
    keys.waiting,
    keys.events,
    keys.cases,
    keys.ledgerOutbox,
    keys.prefix,
    eventsMaxLen,
    new Date().toISOString(),
    JSON.stringify(payload),
  ];
}

/** How a script's JSON reply spells an empty Lua table where an array is meant: cjson encodes it as `{}`. */
export type EmptyLuaTable = Record<string, never>;
