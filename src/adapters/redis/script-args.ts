import type { CountyKeys } from './keys';

/**
 * The KEYS and ARGV every county script takes (see scripts.ts), with its JSON payload: the key
 * count first (the commands are defined without a fixed one), the seven fixed keys, then `declared`,
 * every other key the script touches (script-keys.ts), so that it runs on Redis Cluster by the rules.
 */
export function scriptArgs(keys: CountyKeys, eventsMaxLen: number, payload: unknown, declared: readonly string[]): (string | number)[] {
  const fixed = [keys.capacity, keys.mediatorStatus, keys.loads, keys.waiting, keys.events, keys.cases, keys.ledgerOutbox];
  return [
    fixed.length + declared.length,
    ...fixed,
    ...declared,
    keys.prefix,
    eventsMaxLen,
    new Date().toISOString(),
    JSON.stringify(payload),
  ];
}

/** How a script's JSON reply spells an empty Lua table where an array is meant: cjson encodes it as `{}`. */
export type EmptyLuaTable = Record<string, never>;
