import ipaddr from 'ipaddr.js';

/**
 * Which IP addresses the service may open a connection to on a client's say-so (webhook targets):
 * the one rule against server-side request forgery, shared by registration and delivery.
 *
 * Only globally routed unicast is admitted. Everything else is refused by the name of its range:
 * private (10/8, 172.16/12, 192.168/16), carrierGradeNat (100.64/10), uniqueLocal (fc00::/7),
 * loopback (127/8, ::1), linkLocal (169.254/16, fe80::/10), multicast, unspecified (0/8, ::),
 * broadcast, reserved and documentation ranges, and the IPv6 forms that carry an IPv4 address
 * inside (6to4, Teredo, NAT64, IPv4-compatible). An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is
 * judged as the IPv4 address it maps to.
 */
export type AddressVerdict =
  { readonly allowed: true; readonly address: string } | { readonly allowed: false; readonly address: string; readonly range: string };

/** True for a dotted-quad IPv4 or an IPv6 address (no brackets) — not for a host name. */
export function isIpAddress(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);
}

/** Why an IPv6 address in ::/96 counts as special: it is the deprecated IPv4-compatible form (::127.0.0.1). */
function isIpv4Compatible(ip: ipaddr.IPv6): boolean {
  return ip.parts.slice(0, 6).every((p) => p === 0);
}

/** The range an address lies in, by ipaddr.js's names (`unicast` = globally routed); mapped IPv4 unwrapped. */
export function addressRange(address: string): string {
  const ip = ipaddr.process(address);
  if (ip.kind() === 'ipv6' && isIpv4Compatible(ip as ipaddr.IPv6) && ip.range() === 'unicast') return 'ipv4Compatible';
  return ip.range();
}

/** Classifies one address (`address` must satisfy `isIpAddress`). */
export function classifyAddress(address: string): AddressVerdict {
  const range = addressRange(address);
  return range === 'unicast' ? { allowed: true, address } : { allowed: false, address, range };
}

/**
 * Targets admitted even when their address is not public: host names (matched exactly, case
 * folded), single addresses and CIDR blocks. For on-premises receivers and tests.
 */
export interface AllowList {
  readonly hosts: ReadonlySet<string>;
  readonly blocks: readonly (readonly [ipaddr.IPv4 | ipaddr.IPv6, number])[];
}

export const EMPTY_ALLOW_LIST: AllowList = { hosts: new Set(), blocks: [] };

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*\.?$/;

/** Parses `a.example, 10.1.2.3, 192.168.0.0/16, ::1`; returns the entry that is none of those as an error. */
export function parseAllowList(raw: string): { readonly list: AllowList } | { readonly error: string } {
  const hosts = new Set<string>();
  const blocks: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  for (const entry of raw.split(',').map((s) => s.trim().toLowerCase())) {
    if (!entry) continue;
    if (entry.includes('/')) {
      if (!ipaddr.isValidCIDR(entry)) return { error: `"${entry}" is not a CIDR block` };
      blocks.push(ipaddr.parseCIDR(entry));
    } else if (isIpAddress(entry)) {
      const ip = ipaddr.parse(entry);
      blocks.push([ip, ip.kind() === 'ipv4' ? 32 : 128]);
    } else if (HOST_NAME.test(entry)) {
      hosts.add(entry.replace(/\.$/, ''));
    } else {
      return { error: `"${entry}" is not a host name, an IP address or a CIDR block` };
    }
  }
  return { list: { hosts, blocks } };
}

/** True when the allow-list names this host. */
export function allowListNamesHost(list: AllowList, host: string): boolean {
  return list.hosts.has(host.toLowerCase().replace(/\.$/, ''));
}

/** True when the address lies in one of the allow-list's blocks (a mapped IPv4 matches its IPv4 block). */
export function allowListCoversAddress(list: AllowList, address: string): boolean {
  const forms = [ipaddr.parse(address), ipaddr.process(address)];
  return list.blocks.some(([net, bits]) => forms.some((ip) => ip.kind() === net.kind() && ip.match(net, bits)));
}
