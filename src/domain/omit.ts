/**
 * A shallow copy of `value` without `keys` — what `const { a: _a, ...rest } = value` gives, without
 * naming variables that are never used.
 */
export function omit<T extends object, K extends keyof T & string>(value: T, ...keys: readonly K[]): Omit<T, K> {
  const skip: ReadonlySet<string> = new Set(keys);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!skip.has(k)) out[k] = v;
  return out as Omit<T, K>;
}
