/**
 * Indexed reads under `noUncheckedIndexedAccess`, for every layer (hence domain, the lowest).
 *
 * Typed-array reads in the solvers' hot loops are written `a[i] as number` (and read-modify-writes
 * `(a[i] as number) += d`): the index comes from the arrays' own structure (loop bounds, CSR
 * offsets, the arc → task / agent maps of a validated problem), so the read is in bounds by
 * construction, and the cast — erased by tsc — leaves the emitted loop exactly as before. Unchecked
 * read helpers (`i32(a, i)`, `f64(a, i)`, one per element type) were tried and measured slower:
 * the flow engine on the province instance took 1.38× the CPU time (min of runs, same process
 * pair, 2026-12-06), since an inlined helper shares one feedback vector across all its call sites.
 *
 * Outside the hot loops, plain-array reads whose index could be wrong go through `itemAt`, which
 * checks.
 */

/**
 * `a[i]` of a plain array outside the hot loops, checked: throws a RangeError naming `what`
 * when `i` is out of bounds instead of letting `undefined` through.
 */
export function itemAt<T>(a: readonly T[], i: number, what = 'array'): T {
  const v = a[i];
  if (v === undefined) throw new RangeError(`${what}[${i}] is out of bounds (length ${a.length})`);
  return v;
}

/** `map.get(key)` where the key must be there, checked: throws an Error naming `what` when it is not. */
export function mustGet<K, V>(map: ReadonlyMap<K, V>, key: K, what = 'key'): V {
  const v = map.get(key);
  if (v === undefined) throw new Error(`no entry for ${what} ${String(key)}`);
  return v;
}
