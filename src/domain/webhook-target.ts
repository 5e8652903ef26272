import { allowListCoversAddress, allowListNamesHost, classifyAddress, isIpAddress, type AllowList } from './network-address';

/** What a webhook target may be; the service's settings WEBHOOK_ALLOW_HTTP and WEBHOOK_ALLOWED_HOSTS. */
export interface WebhookTargetPolicy {
  /** Accept `http:` targets too (development only). @defaultValue false */
  readonly allowHttp: boolean;
  /** Hosts, addresses and blocks admitted even when not public. @defaultValue empty */
  readonly allowList: AllowList;
}

/** Outcome of a check: refusals carry a reason fit to show the client who registered the target. */
export type TargetVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const OK: TargetVerdict = { ok: true };
const refuse = (reason: string): TargetVerdict => ({ ok: false, reason });

/** The URL's host without IPv6 brackets (WHATWG parsing has already normalised `2130706433`, `0x7f.1`…). */
export function targetHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** One resolved (or literal) address of `host`, against the policy. */
export function checkTargetAddress(host: string, address: string, policy: WebhookTargetPolicy): TargetVerdict {
  if (allowListNamesHost(policy.allowList, host) || allowListCoversAddress(policy.allowList, address)) return OK;
  const verdict = classifyAddress(address);
  if (verdict.allowed) return OK;
  const via = host === address ? '' : `${host} resolves to `;
  return refuse(`${via}${address} (${verdict.range}): webhooks go to public addresses only (or those in WEBHOOK_ALLOWED_HOSTS)`);
}

/**
 * What can be told from the URL alone: the scheme, and the address when the host is an IP literal.
 * A host name still has to be resolved and each address checked with `checkTargetAddress`.
 */
export function checkTargetUrl(url: URL, policy: WebhookTargetPolicy): TargetVerdict {
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) {
    return refuse(policy.allowHttp ? 'must be an http(s) URL' : 'must be an https URL (http only when WEBHOOK_ALLOW_HTTP is set)');
  }
  const host = targetHost(url);
  return isIpAddress(host) ? checkTargetAddress(host, host, policy) : OK;
}
