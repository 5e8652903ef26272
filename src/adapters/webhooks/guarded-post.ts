import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIPv6, type LookupFunction } from 'node:net';
import { checkTargetUrl, type WebhookTargetPolicy } from '../../domain/webhook-target';
import { resolveCheckedHost, type HostResolver } from '../../use-cases/webhooks/webhook-target-check';

/** What delivery checks a target against, and how it resolves host names. */
export interface TargetGuard {
  readonly policy: WebhookTargetPolicy;
  readonly resolve: HostResolver;
}

/** The target is not one the policy admits (now): a refusal, not a network fault. */
export class TargetRefusedError extends Error {
  override readonly name = 'TargetRefusedError';
}

const familyOf = (address: string): 4 | 6 => (isIPv6(address) ? 6 : 4);

/**
 * A `lookup` for the socket that resolves with the guard's resolver and hands the socket only
 * addresses that passed the check: the connection goes to the address that was checked, so a DNS
 * answer that changes between check and connect (rebinding) cannot slip through.
 */
function guardedLookup(guard: TargetGuard): LookupFunction {
  return (hostname, options, callback) => {
    const fail = (err: Error): void => callback(err, '', 0);
    resolveCheckedHost(hostname, guard.policy, guard.resolve).then((checked) => {
      if (!checked.ok) return fail(new TargetRefusedError(checked.reason));
      const family = options.family === 4 || options.family === 6 ? options.family : undefined;
      const wanted = family ? checked.addresses.filter((a) => familyOf(a) === family) : checked.addresses;
      const first = wanted[0];
      if (first === undefined) return fail(Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: 'ENOTFOUND' }));
      if (options.all)
        return callback(
          null,
          wanted.map((address) => ({ address, family: familyOf(address) })),
        );
      return callback(null, first, familyOf(first));
    }, fail);
  };
}

/** What one POST carries. */
export interface PostRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
}

/**
 * POSTs to a webhook target and answers its HTTP status; redirects are never followed (a 3xx is
 * just a status). Throws TargetRefusedError when the URL or any address its host resolves to is
 * refused, and the usual network errors otherwise.
 */
export function guardedPost(url: URL, req: PostRequest, guard: TargetGuard): Promise<number> {
  const byUrl = checkTargetUrl(url, guard.policy); // IP literals: the socket does no lookup for them
  if (!byUrl.ok) return Promise.reject(new TargetRefusedError(byUrl.reason));
  const options: RequestOptions = {
    method: 'POST',
    headers: { ...req.headers, 'Content-Length': String(Buffer.byteLength(req.body)) },
    lookup: guardedLookup(guard),
    // No pooled sockets: every delivery resolves and checks afresh.
    agent: false,
    signal: AbortSignal.timeout(req.timeoutMs),
  };
  return new Promise<number>((resolve, reject) => {
    const onResponse = (res: IncomingMessage): void => {
      // Only the status matters; the socket is not reused, so drop the body rather than read a target's stream.
      res.destroy();
      resolve(res.statusCode ?? 0);
    };
    const request: ClientRequest =
      url.protocol === 'https:' ? httpsRequest(url, options, onResponse) : httpRequest(url, options, onResponse);
    request.on('error', reject);
    request.end(req.body);
  });
}
