import { lookup } from 'node:dns/promises';
import type { HostResolver } from '../../use-cases/webhooks/webhook-target-check';

/**
 * The system resolver (what `fetch` and `http.request` use by default: /etc/hosts, then DNS), every
 * address of both families, in the resolver's order.
 */
export const systemResolver: HostResolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
