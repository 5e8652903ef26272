/** Reading Redis replies without non-null assertions: flat field/value lists and pipeline rows. */

/** `[k1, v1, k2, v2, …]` (HGETALL-style and our Lua scripts' flat lists) as pairs; an odd tail is dropped. */
export function flatPairs(flat: readonly string[]): Array<readonly [string, string]> {
  const pairs: Array<readonly [string, string]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const key = flat[i];
    const value = flat[i + 1];
    if (key !== undefined && value !== undefined) pairs.push([key, value]);
  }
  return pairs;
}

/** The reply of command `i` of an executed pipeline or MULTI: throws its error, or a missing reply. */
export function replyAt(rows: ReadonlyArray<[error: Error | null, result: unknown]>, i: number): unknown {
  const row = rows[i];
  if (row === undefined) throw new Error(`redis: no reply for command ${i} of ${rows.length}`);
  const [err, result] = row;
  if (err) throw err;
  return result;
}
