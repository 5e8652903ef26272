import { lookup } from 'node:dns/promises';
import type { HostResolver } from '../../use-cases/webhooks/webhook-target-check';

/**
 * The system resolver (what `fetch` and `http.request` use by default: /etc/hosts, then DNS), every
 * address of both families, in the resolver's order. getaddrinfo has no deadline of its own, so
 * a resolution slower than `timeoutMs` counts as "does not resolve" (a registration must not hang).
 */
export function systemResolver(timeoutMs = 5000): HostResolver {
  return async (host) => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`resolving ${host} took over ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const found = await Promise.race([lookup(host, { all: true, verbatim: true }), deadline]);
      return found.map((a) => a.address);
    } finally {
      clearTimeout(timer);
    }
  };
}
