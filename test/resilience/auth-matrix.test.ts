/**
 * The auth matrix (issue 18, "The suite"), generated from /openapi.json: every operation the
 * document names is called without a key, with each role, and with another county's admin key.
 * No key → 401; a role the route definition does not let through → 403; another county's key on a
 * resource of this county → 404 (or 403) and never a byte of this county's data; nothing ever 5xx.
 */
import type { Role } from '../../src/domain/access';
import { mediators, referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, type TestService } from '../support/service';
import { report } from './support/checker';
import { routeRoles } from './support/route-roles';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Operation {
  readonly method: Method;
  /** OpenAPI path, e.g. `/v1/cases/{id}`. */
  readonly path: string;
  readonly secured: boolean;
  /** Authenticated by the session cookie only (GET, DELETE /v1/session): a key is no session. */
  readonly sessionOnly: boolean;
}
interface Reply {
  readonly status: number;
  readonly text: string;
}

const ROLES: readonly Role[] = ['court', 'dispatcher', 'viewer'];
const EXTERNAL_ID = 'matrix-0';

/** A 400 for the request body: refused before any resource was looked up, so it tells nothing of this county. */
function rejectedBody(r: Reply): boolean {
  if (r.status !== 400) return false;
  const field = (JSON.parse(r.text) as { error?: { details?: { field?: string } } }).error?.details?.field;
  return typeof field === 'string' && field.startsWith('body');
}
/** Mounted sub-apps have no route layer to read a gate from; their OpenAPI entry says who may call them. */
const ADMIN_ONLY_MOUNTS = ['/admin/queues'];

/** One call; an event stream is cut once its status is known (it never ends by itself). */
async function call(url: string, op: Operation, path: string, key?: string): Promise<Reply> {
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  const write = op.method !== 'get' && op.method !== 'delete';
  if (write) headers['content-type'] = 'application/json';
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 10_000);
  try {
    const res = await fetch(url + path, {
      method: op.method.toUpperCase(),
      headers,
      signal: abort.signal,
      ...(write ? { body: '{}' } : {}),
    });
    if (res.headers.get('content-type')?.includes('text/event-stream')) {
      abort.abort();
      return { status: res.status, text: '' };
    }
    return { status: res.status, text: await res.text() };
  } finally {
    clearTimeout(timer);
  }
}

function operationsOf(doc: { paths: Record<string, Record<string, { security?: Record<string, unknown>[] }>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const schemes = (op.security ?? []).flatMap((s) => Object.keys(s));
      return {
        method: method as Method,
        path,
        secured: schemes.length > 0,
        sessionOnly: schemes.length > 0 && schemes.every((s) => s === 'session'),
      };
    }),
  );
}

describe('auth matrix from /openapi.json', () => {
  let redis: TestRedis;
  let svc: TestService;
  const samples: Record<string, string> = {};

  beforeAll(async () => {
    redis = await startTestRedis();
    svc = await startTestService({ redisUrl: redis.url });
    expect((await putFixtureMediators(svc)).status).toBe(200);
    const posted = await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: referrals(1, 'matrix')[0] });
    const dispatch = await svc.call('POST', '/v1/dispatch', { key: svc.keys.dispatcher });
    const rebalance = await svc.call('POST', '/v1/rebalance', { key: svc.keys.dispatcher, body: { waitSeconds: 0 } });
    const webhook = await svc.call('POST', '/v1/webhooks', {
      key: svc.keys.admin,
      body: { url: 'https://hooks.example.org/tiaojie', secret: 'a-secret-of-enough-length' },
    });
    // Ids of real resources of this county, so "another county" is asked about something that exists.
    samples.case = posted.body.cases[0].caseId;
    samples.mediator = mediators()[0]!.id;
    samples.job = dispatch.body?.jobId ?? 'job-sample';
    samples.rebalanceJob = rebalance.body?.jobId ?? 'rebalance-sample';
    samples.webhook = webhook.body?.id ?? 'webhook-sample';
    samples.room = 'room-sample';
  });
  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  /** The path with its {id} filled by a sample of the resource the path names. */
  const concrete = (path: string): string => {
    const id = path.startsWith('/v1/cases/')
      ? samples.case
      : path.includes('/mediators/')
        ? samples.mediator
        : path.startsWith('/v1/rebalance/jobs/')
          ? samples.rebalanceJob
          : path.startsWith('/v1/jobs/')
            ? samples.job
            : path.startsWith('/v1/webhooks/')
              ? samples.webhook
              : path.includes('/rooms/')
                ? samples.room
                : 'sample';
    // Parameters that are not ids get a well-formed value, so the county check, not the parameter's shape, answers.
    const wellFormed: Readonly<Record<string, string>> = { '{n}': '1', '{month}': '2026-03' };
    return path.replace(/\{[^}]+\}/g, (p) => wellFormed[p] ?? encodeURIComponent(id ?? 'sample'));
  };

  /** This county's data in a reply to another county: its name as a value or label, or the sample case's externalId. */
  const leaks = (text: string): boolean =>
    text.includes(`"${svc.county}"`) || text.includes(`county="${svc.county}"`) || text.includes(EXTERNAL_ID);

  test('when every documented operation is called with no key, each role and another county, then 401/403/404 as the definitions say and never 5xx', async () => {
    const doc = (await svc.call('GET', '/openapi.json')).body;
    const ops = operationsOf(doc);
    const gates = await routeRoles(redis.url, ROLES);
    const problems: string[] = [];
    const statuses: Record<string, number> = {};
    const seen = (r: Reply, what: string): Reply => {
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status >= 500) problems.push(`${what}: ${r.status} ${r.text.slice(0, 200)}`);
      return r;
    };
    // Deletes last: the allowed call may remove the sample the other checks need.
    const ordered = [...ops].sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
    for (const op of ordered) {
      const name = `${op.method.toUpperCase()} ${op.path}`;
      const path = concrete(op.path);
      if (!op.secured) {
        seen(await call(svc.url, op, path), `${name} (public)`);
        continue;
      }
      if (op.sessionOnly) {
        for (const key of [undefined, svc.keys.otherCounty, ...ROLES.map((r) => svc.keys[r]), svc.keys.admin]) {
          const r = seen(await call(svc.url, op, path, key), `${name} (session only)`);
          if (r.status !== 401) problems.push(`${name} (session only) with ${key ? 'a key' : 'no key'}: ${r.status}, expected 401`);
        }
        continue;
      }
      const allowed = gates.get(name) ?? (ADMIN_ONLY_MOUNTS.includes(op.path) ? [] : undefined);
      if (!allowed) {
        problems.push(`${name}: no role gate found in the routes`);
        continue;
      }
      const none = seen(await call(svc.url, op, path), `${name} no key`);
      if (none.status !== 401) problems.push(`${name} no key: ${none.status}, expected 401`);
      const other = seen(await call(svc.url, op, path, svc.keys.otherCounty), `${name} other county`);
      if (op.path.includes('{') && ![403, 404].includes(other.status) && !rejectedBody(other))
        problems.push(`${name} other county: ${other.status}, expected 404 or 403`);
      if (leaks(other.text)) problems.push(`${name} other county: the reply holds this county's data: ${other.text.slice(0, 300)}`);
      for (const role of ROLES) {
        const r = seen(await call(svc.url, op, path, svc.keys[role]), `${name} as ${role}`);
        if (!allowed.includes(role) && r.status !== 403) problems.push(`${name} as ${role}: ${r.status}, expected 403`);
        if (allowed.includes(role) && (r.status === 401 || r.status === 403)) problems.push(`${name} as ${role}: ${r.status}, allowed`);
      }
      const admin = seen(await call(svc.url, op, path, svc.keys.admin), `${name} as admin`);
      if (admin.status === 401) problems.push(`${name} as admin: 401`);
    }
    report('auth-matrix', { operations: ops.length, secured: ops.filter((o) => o.secured).length, statuses, problems: problems.length });
    expect(ops.length).toBeGreaterThan(25);
    expect(problems).toEqual([]);
  });
});
