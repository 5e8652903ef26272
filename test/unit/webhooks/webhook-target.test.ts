import { addressRange, classifyAddress, EMPTY_ALLOW_LIST, parseAllowList, type AllowList } from '../../../src/domain/network-address';
import type { WebhookTargetPolicy } from '../../../src/domain/webhook-target';
import { checkWebhookTarget, type HostResolver } from '../../../src/use-cases/webhooks/webhook-target-check';

const PUBLIC_V4 = '93.184.216.34';
const PUBLIC_V6 = '2606:2800:220:1:248:1893:25c8:1946';

/** A resolver that knows a few names, as a zone file would; anything else does not resolve. */
const zone: Record<string, readonly string[]> = {
  'hooks.example.org': [PUBLIC_V4, PUBLIC_V6],
  localhost: ['127.0.0.1', '::1'],
  'metadata.example.org': ['169.254.169.254'],
  'half-private.example.org': [PUBLIC_V4, '10.0.0.7'],
  'mapped.example.org': ['::ffff:10.0.0.1'],
  'garbage.example.org': ['not-an-address'],
};
const resolver: HostResolver = (host) => {
  const addresses = zone[host];
  return addresses ? Promise.resolve(addresses) : Promise.reject(new Error(`ENOTFOUND ${host}`));
};

const allowList = (raw: string): AllowList => {
  const parsed = parseAllowList(raw);
  if (!('list' in parsed)) throw new Error(parsed.error);
  return parsed.list;
};
const strict: WebhookTargetPolicy = { allowHttp: false, allowList: EMPTY_ALLOW_LIST };
const dev: WebhookTargetPolicy = { allowHttp: true, allowList: EMPTY_ALLOW_LIST };

describe('address classification (domain/network-address)', () => {
  test.each([
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::7f00:1', 'ipv4Compatible'], // ::127.0.0.1 as WHATWG URL parsing writes it
    ['::a00:1', 'ipv4Compatible'],
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['192.0.2.10', 'reserved'],
  ])('when the address is %s, then it is refused as %s', (address, range) => {
    expect(addressRange(address)).toBe(range);
    expect(classifyAddress(address)).toEqual({ allowed: false, address, range });
  });

  test.each([PUBLIC_V4, PUBLIC_V6, '8.8.8.8', '::ffff:8.8.8.8'])('when the address %s is public, then it is allowed', (address) => {
    expect(classifyAddress(address).allowed).toBe(true);
  });
});

describe('webhook target check (registration)', () => {
  // The forms of issue 18, each as a client would send it; WHATWG URL parsing normalises the numeric hosts.
  test.each([
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 (linkLocal)'],
    ['http://10.0.0.1', '10.0.0.1 (private)'],
    ['http://[::1]/', '::1 (loopback)'],
    ['http://0.0.0.0/', '0.0.0.0 (unspecified)'],
    ['http://2130706433/', '127.0.0.1 (loopback)'],
    ['http://0x7f.1/', '127.0.0.1 (loopback)'],
    ['http://017700000001/', '127.0.0.1 (loopback)'],
    ['http://[::ffff:10.0.0.1]/', '::ffff:a00:1 (private)'],
    ['http://localhost:6379/', 'localhost resolves to 127.0.0.1'],
    ['http://metadata.example.org/', 'metadata.example.org resolves to 169.254.169.254'],
    ['http://half-private.example.org/', 'resolves to 10.0.0.7 (private)'],
    ['http://mapped.example.org/', 'resolves to ::ffff:10.0.0.1 (private)'],
  ])('when the target is %s, then it is refused: %s', async (url, reason) => {
    for (const policy of [strict, dev]) {
      const verdict = await checkWebhookTarget(url, { ...policy, allowHttp: true }, resolver);
      expect(verdict).toEqual({ ok: false, reason: expect.stringContaining(reason) as string });
    }
  });

  test('when the target is localhost:6379 (no scheme), then it is refused', async () => {
    expect((await checkWebhookTarget('localhost:6379', dev, resolver)).ok).toBe(false);
  });

  test('when an https target resolves to public addresses only, then it is accepted', async () => {
    expect(await checkWebhookTarget('https://hooks.example.org/tiaojie', strict, resolver)).toEqual({ ok: true });
  });

  test('when the target is http and WEBHOOK_ALLOW_HTTP is off, then it is refused; on, then accepted', async () => {
    expect(await checkWebhookTarget('http://hooks.example.org/', strict, resolver)).toEqual({
      ok: false,
      reason: expect.stringContaining('must be an https URL') as string,
    });
    expect(await checkWebhookTarget('http://hooks.example.org/', dev, resolver)).toEqual({ ok: true });
  });

  test('when the resolver answers something that is not an address, then it is refused (not thrown)', async () => {
    expect(await checkWebhookTarget('https://garbage.example.org/', strict, resolver)).toEqual({
      ok: false,
      reason: 'garbage.example.org resolves to "not-an-address", not an IP address',
    });
  });

  test('when the host does not resolve, then it is refused', async () => {
    expect(await checkWebhookTarget('https://nowhere.example.org/', strict, resolver)).toEqual({
      ok: false,
      reason: 'nowhere.example.org does not resolve',
    });
  });

  test('when the allow-list names the host, an address or a block, then that private target is accepted', async () => {
    const byHost = { allowHttp: true, allowList: allowList('LocalHost') };
    expect(await checkWebhookTarget('http://localhost:6379/', byHost, resolver)).toEqual({ ok: true });
    const byCidr = { allowHttp: true, allowList: allowList('10.0.0.0/8') };
    expect(await checkWebhookTarget('http://10.9.8.7/', byCidr, resolver)).toEqual({ ok: true });
    expect(await checkWebhookTarget('http://mapped.example.org/', byCidr, resolver)).toEqual({ ok: true });
    // …and only that one: the block does not admit loopback.
    expect((await checkWebhookTarget('http://127.0.0.1/', byCidr, resolver)).ok).toBe(false);
    const byAddress = { allowHttp: true, allowList: allowList('127.0.0.1') };
    expect(await checkWebhookTarget('http://2130706433:8080/', byAddress, resolver)).toEqual({ ok: true });
    // localhost resolves to ::1 too, which 127.0.0.1 does not cover: every address must pass.
    expect((await checkWebhookTarget('http://localhost/', byAddress, resolver)).ok).toBe(false);
  });

  test('when an allow-list entry is none of host, address or block, then parsing names it', () => {
    expect(parseAllowList('ok.example, 10.0.0.0/33')).toEqual({ error: '"10.0.0.0/33" is not a CIDR block' });
    expect(parseAllowList('a b')).toEqual({ error: '"a b" is not a host name, an IP address or a CIDR block' });
    expect(parseAllowList(' ')).toEqual({ list: EMPTY_ALLOW_LIST });
  });
});
