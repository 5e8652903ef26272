import { lookup } from 'node:dns/promises';
import { within } from '../../domain/deadline';
import type { HostResolver } from '../../use-cases/webhooks/webhook-target-check';

/**
 * The system resolver (what `fetch` and `http.request` use by default: /etc/hosts, then DNS), every
 * address of both families, in the resolver's order. getaddrinfo has no deadline of its own, so
 * a resolution slower than `timeoutMs` counts as "does not resolve" (a registration must not hang).
 */
export function systemResolver(timeoutMs = 5000): HostResolver {
  return async (host) => {
    const found = await within(lookup(host, { all: true, verbatim: true }), timeoutMs);
    if (found.timedOut) throw new Error(`resolving ${host} took over ${timeoutMs} ms`);
    return found.value.map((a) => a.address);
  };
}
