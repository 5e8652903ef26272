/**
 * Wraps `report` so it runs at most once per `intervalMs`; the calls held back in between are
 * counted and passed to the next one that runs. For reports that repeat while a fault lasts (a
 * dropped Redis connection is reported by every client at every reconnect attempt): the first is
 * seen at once, the rest as a count instead of a flood.
 */
export function throttled<A extends unknown[]>(
  intervalMs: number,
  report: (heldBack: number, ...args: A) => void,
  now: () => number = Date.now,
): (...args: A) => void {
  let lastAt = -Infinity;
  let heldBack = 0;
  return (...args: A) => {
    const t = now();
    if (t - lastAt < intervalMs) {
      heldBack++;
      return;
    }
    lastAt = t;
    const held = heldBack;
    heldBack = 0;
    report(held, ...args);
  };
}
