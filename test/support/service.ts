import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startService, type RunningService } from '../../src/runtime/bootstrap';
import type { Role } from '../../src/runtime/env';
import { FIXTURE_SERVICE_ENV, mediators } from './county-fixture';
import { uniqueCounty } from './redis';
import { runDatabaseEnv } from './pg-database';

/** Lets solve threads started from TypeScript sources load .ts files. */
export const TS_THREAD_ARGV = ['--require', join(__dirname, 'swc-register.js')];

/** One key per role of the county, an admin of another county, and an installation admin (county "*"). */
export type Keys = Readonly<Record<Role, string>> & { readonly otherCounty: string; readonly installation: string };

/** A reply of the service under test. */
export interface TestReply {
  readonly status: number;
  /** Parsed JSON, deliberately untyped: tests read it field by field (see eslint.config.mjs). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON body, read field by field by the tests
  readonly body: any;
  readonly headers: Headers;
}

export interface TestService {
  readonly service: RunningService;
  readonly url: string;
  readonly county: string;
  readonly keys: Keys;
  /** fetch against the service with a role's key; JSON in and out. */
  call(method: string, path: string, opts?: { key?: string; body?: unknown; headers?: Record<string, string> }): Promise<TestReply>;
  stop(): Promise<void>;
}

export interface TestServiceOptions {
  readonly redisUrl: string;
  /** @defaultValue true */
  readonly api?: boolean;
  /** @defaultValue true */
  readonly worker?: boolean;
  readonly env?: Record<string, string>;
  /** The county of the keys (a test that also creates users of it, TIAOJIE_BOOTSTRAP_USERS). @defaultValue a fresh one */
  readonly county?: string;
  /** Reuse another service's county, keys and queues (a second worker). */
  readonly shareWith?: TestService;
  readonly stalledInterval?: number;
}

const newKey = (role: string) => `tk_${role}_${randomBytes(12).toString('hex')}`;

/** The whole service in this process on a free port, isolated by county and queue prefix. */
export async function startTestService(opts: TestServiceOptions): Promise<TestService> {
  const county = opts.shareWith?.county ?? opts.county ?? uniqueCounty();
  const keys: Keys = opts.shareWith?.keys ?? {
    court: newKey('court'),
    dispatcher: newKey('dispatcher'),
    viewer: newKey('viewer'),
    admin: newKey('admin'),
    otherCounty: newKey('other'),
    installation: newKey('installation'),
  };
  // A hash tag: a Redis Cluster keeps each queue's keys in one slot (one server does not mind).
  const prefix = opts.shareWith?.service.config.QUEUE_PREFIX ?? `{q${randomUUID().slice(0, 8)}}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'tiaojie-svc-'));
  const apiKeys = [
    ...(['court', 'dispatcher', 'viewer', 'admin'] as const).map((role) => ({ key: keys[role], role, county })),
    { key: keys.otherCounty, role: 'admin', county: `${county}-other` },
    { key: keys.installation, role: 'admin', county: '*' },
  ];
  const service = await startService({
    api: opts.api ?? true,
    worker: opts.worker ?? true,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    threadExecArgv: TS_THREAD_ARGV,
    ...(opts.stalledInterval ? { stalledInterval: opts.stalledInterval } : {}),
    env: {
      REDIS_URL: opts.redisUrl,
      REDIS_EMBEDDED: 'false',
      ...runDatabaseEnv(),
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      TIAOJIE_API_KEYS: JSON.stringify(apiKeys),
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      // Tests stop services often and send nothing while they stop: no drain wait.
      SHUTDOWN_GRACE_MS: '0',
      ...FIXTURE_SERVICE_ENV,
      ...opts.env,
    },
  });
  const url = service.url ?? '';
  return {
    service,
    url,
    county,
    keys,
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (o.key !== undefined) headers.authorization = `Bearer ${o.key}`;
      let body: string | undefined;
      if (o.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      }
      const res = await fetch(url + path, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON (metrics, HTML)
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async stop() {
      await service.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Loads the fixture county's mediators into the service (PUT /v1/mediators as admin); returns the reply. */
export function putFixtureMediators(svc: TestService): ReturnType<TestService['call']> {
  return svc.call('PUT', '/v1/mediators', { key: svc.keys.admin, body: mediators() });
}
