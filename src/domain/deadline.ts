/** What became of a promise given a deadline: its value, or that the deadline came first. */
export type WithinOutcome<T> = { readonly timedOut: false; readonly value: T } | { readonly timedOut: true };

/**
 * Waits for `p` at most `ms`. A rejection before the deadline is rethrown; after it, `p` runs on
 * and a late rejection is dropped (nobody is waiting for it any more). The one place the service
 * bounds a wait on something that has no deadline of its own (a ping, a DNS lookup, a close).
 */
export async function within<T>(p: Promise<T>, ms: number): Promise<WithinOutcome<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<{ readonly timedOut: true }>((resolve) => (timer = setTimeout(() => resolve({ timedOut: true }), ms)));
  p.catch(() => undefined);
  try {
    return await Promise.race([p.then((value) => ({ timedOut: false as const, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}
