/** A minimal server-sent-events client over fetch (demo, benchmark, tests): parsed events until closed. */
export interface SseEvent<T = unknown> {
  readonly id?: string;
  readonly event?: string;
  /** The parsed JSON of the `data` field. */
  readonly data: T;
}

export interface SseClient<T = unknown> {
  readonly events: SseEvent<T>[];
  /** Resolves once the server sent its first bytes (the subscription is live). */
  readonly ready: Promise<void>;
  /** Resolves with the first event matching, waiting up to timeoutMs. */
  next(match: (e: SseEvent<T>) => boolean, timeoutMs?: number): Promise<SseEvent<T>>;
  /** Called for every event as it arrives. */
  onEvent?: (e: SseEvent<T>) => void;
  close(): void;
}

/** Opens `url` with a bearer key; `keep` false stops keeping the events list (long runs). */
export function openSse<T = unknown>(url: string, key: string, headers: Record<string, string> = {}, keep = true): SseClient<T> {
  const controller = new AbortController();
  const events: SseEvent<T>[] = [];
  const waiters: { match: (e: SseEvent<T>) => boolean; resolve: (e: SseEvent<T>) => void }[] = [];
  let readyResolve: () => void = () => undefined;
  let readyReject: (e: unknown) => void = () => undefined;
  const ready = new Promise<void>((res, rej) => {
    readyResolve = res;
    readyReject = rej;
  });
  const push = (e: SseEvent<T>): void => {
    if (keep) events.push(e);
    client.onEvent?.(e);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const waiter = waiters[i];
      if (waiter?.match(e)) {
        waiters.splice(i, 1);
        waiter.resolve(e);
      }
    }
  };
  void (async () => {
    try {
      const res = await fetch(url, {
        headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream', ...headers },
        signal: controller.signal,
      });
      // The client side of the stream (the demo): rejects `ready`, never answers a request; a plain Error.
      if (res.status !== 200 || !res.body) throw new Error(`SSE status ${res.status}`);
      const reader: ReadableStreamDefaultReader<Uint8Array> = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      let first = true;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        if (first) {
          first = false;
          readyResolve();
        }
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (!line || line.startsWith(':')) continue;
            const at = line.indexOf(':');
            fields[line.slice(0, at)] = line.slice(at + 1).trimStart();
          }
          if (fields.data !== undefined)
            push({
              ...(fields.id ? { id: fields.id } : {}),
              ...(fields.event ? { event: fields.event } : {}),
              data: JSON.parse(fields.data) as T,
            });
        }
      }
    } catch (err) {
      readyReject(err);
    }
  })();
  const client: SseClient<T> = {
    events,
    ready,
    next(match, timeoutMs = 15_000) {
      const found = events.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching SSE event in time')), timeoutMs);
        waiters.push({ match, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
    close: () => controller.abort(),
  };
  return client;
}
