import { checkTargetAddress, checkTargetUrl, targetHost, type TargetVerdict, type WebhookTargetPolicy } from '../../domain/webhook-target';
import { isIpAddress } from '../../domain/network-address';

/** Resolves a host name to all its addresses (the port; `dns.lookup` in adapters/webhooks). */
export type HostResolver = (host: string) => Promise<readonly string[]>;

/** A host's addresses once every one of them passed, or why one did not. */
export type CheckedHost = { readonly ok: true; readonly addresses: readonly string[] } | { readonly ok: false; readonly reason: string };

/**
 * Resolves a host name and checks EVERY address (one private address among public ones is enough
 * to refuse: a client may be connected to any of them). Delivery connects to the addresses this
 * returned, so what was checked is what is used.
 */
export async function resolveCheckedHost(host: string, policy: WebhookTargetPolicy, resolve: HostResolver): Promise<CheckedHost> {
  let addresses: readonly string[];
  try {
    addresses = await resolve(host);
  } catch {
    addresses = [];
  }
  if (addresses.length === 0) return { ok: false, reason: `${host} does not resolve` };
  for (const address of addresses) {
    if (!isIpAddress(address)) return { ok: false, reason: `${host} resolves to "${address}", not an IP address` };
    const verdict = checkTargetAddress(host, address, policy);
    if (!verdict.ok) return verdict;
  }
  return { ok: true, addresses };
}

/**
 * Checks a webhook target as registration sees it: the URL, then its host's addresses. Delivery
 * checks again, because DNS may answer differently by then (rebinding).
 */
export async function checkWebhookTarget(rawUrl: string, policy: WebhookTargetPolicy, resolve: HostResolver): Promise<TargetVerdict> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, reason: 'is not a URL' };
  }
  const byUrl = checkTargetUrl(url, policy);
  const host = targetHost(url);
  if (!byUrl.ok || isIpAddress(host)) return byUrl;
  const checked = await resolveCheckedHost(host, policy, resolve);
  return checked.ok ? { ok: true } : checked;
}
