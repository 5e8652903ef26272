/**
 * Runs `fn` now and returns its result as a promise, a throw as a rejection: what an `async`
 * method without `await` does. The memory stores implement async ports with synchronous code.
 */
export function resolved<T>(fn: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(fn()));
}
