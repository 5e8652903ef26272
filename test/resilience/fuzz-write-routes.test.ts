/**
 * A fuzzer over every write route (issue 18, "The suite"): fast-check generates bodies — shaped
 * by the OpenAPI schemas, valid examples with hostile fields, and plain hostile values — for every
 * POST, PUT, PATCH and DELETE in /openapi.json. Nothing may answer ≥ 500 (a documented 503 aside)
 * and the service must still answer at the end. The seed is printed; FUZZ_SEED=<seed> replays a run.
 */
import fc from 'fast-check';
import { mediators, referrals } from '../support/county-fixture';
import { startTestRedis, type TestRedis } from '../support/redis';
import { putFixtureMediators, startTestService, type TestService } from '../support/service';
import { report } from './support/checker';
import { hostileValue, mutated, schemaValue, type Schema } from './support/hostile-json';

const TOTAL_BODIES = 5200;
const CONCURRENCY = 8;
jest.setTimeout(120_000);

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

interface WriteOp {
  readonly method: string;
  readonly path: string;
  readonly body?: Schema;
  /** Statuses ≥ 500 the document promises for this operation (e.g. 503 with no rebalance worker). */
  readonly documented5xx: readonly number[];
}

interface Finding {
  readonly op: string;
  readonly path: string;
  readonly status: number;
  readonly body: string;
  readonly reply: string;
}

function writeOps(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): WriteOp[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => {
        const content = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content;
        const responses = Object.keys((op.responses as Record<string, unknown> | undefined) ?? {});
        return {
          method: method.toUpperCase(),
          path,
          ...(content?.['application/json']?.schema ? { body: content['application/json'].schema } : {}),
          documented5xx: responses.map(Number).filter((s) => s >= 500 && s !== 500),
        };
      }),
  );
}

describe('fuzzer over every write route', () => {
  let redis: TestRedis;
  let svc: TestService;
  let caseId: string;
  let webhookId: string;

  beforeAll(async () => {
    redis = await startTestRedis();
    // No worker in this process: a poison record the fuzzer writes (issue 18 item 1) must not kill the test runner.
    svc = await startTestService({ redisUrl: redis.url, worker: false });
    expect((await putFixtureMediators(svc)).status).toBe(200);
    caseId = (await svc.call('POST', '/v1/referrals', { key: svc.keys.court, body: referrals(1, 'fz')[0] })).body.cases[0].caseId;
    webhookId = (
      await svc.call('POST', '/v1/webhooks', {
        key: svc.keys.admin,
        body: { url: 'https://hooks.example.org/fuzz', secret: 'a-secret-of-enough-length' },
      })
    ).body?.id;
  });
  afterAll(async () => {
    await svc?.stop();
    await redis?.stop();
  });

  /** Valid bodies of each operation, the starting points of mutation. */
  const examples = (op: WriteOp): unknown[] => {
    const m = mediators()[0]!;
    const byOp: Record<string, unknown[]> = {
      'POST /v1/referrals': [referrals(1, 'fz')[0], referrals(3, 'fz-many')],
      'PUT /v1/mediators': [mediators().slice(0, 2)],
      'PATCH /v1/mediators/{id}': [{ capacity: 4, status: 'active', leave: [{ from: '2026-03-01', until: '2026-03-08' }] }],
      'POST /v1/webhooks': [{ url: 'https://hooks.example.org/x', secret: 'a-secret-of-enough-length', events: ['case.assigned'] }],
      'POST /v1/cases/{id}/assignment': [{ mediatorIds: [m.id], force: true, reason: 'fuzzed pin' }],
      'POST /v1/cases/{id}/candidates': [{ k: 5 }],
      'POST /v1/cases/{id}/transitions': [{ action: 'assign', mediatorIds: [m.id] }],
      'POST /v1/cases/{id}/fulfilment': [{ kind: 'fulfilled' }],
      'POST /v1/rebalance': [{ dryRun: true, waitSeconds: 0, maxMoves: 3 }],
    };
    return byOp[`${op.method} ${op.path}`] ?? [{}];
  };

  /** Path ids: the real sample of the resource the path names, or a hostile one. */
  const idArb = (path: string): fc.Arbitrary<string> => {
    const real = path.startsWith('/v1/cases/') ? caseId : path.includes('/mediators/') ? mediators()[0]!.id : (webhookId ?? 'w');
    return fc.oneof(
      { arbitrary: fc.constant(real), weight: 3 },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => s.length > 0), weight: 1 },
      { arbitrary: fc.constantFrom('..', '%00', 'x'.repeat(5000), '__proto__', '-1', '1e999'), weight: 1 },
    );
  };

  async function send(op: WriteOp, path: string, body: unknown): Promise<Finding> {
    const text = JSON.stringify(body) ?? 'null';
    const res = await fetch(svc.url + path, {
      method: op.method,
      headers: { authorization: `Bearer ${svc.keys.admin}`, 'content-type': 'application/json' },
      body: text,
      signal: AbortSignal.timeout(15_000),
    });
    return { op: `${op.method} ${op.path}`, path, status: res.status, body: text.slice(0, 400), reply: (await res.text()).slice(0, 300) };
  }

  test(`when ${TOTAL_BODIES} generated bodies are sent to every write route, then none answers 5xx and the service still answers`, async () => {
    const doc = (await svc.call('GET', '/openapi.json')).body;
    const ops = writeOps(doc);
    const perOp = Math.ceil(TOTAL_BODIES / ops.length);
    const jobs: { op: WriteOp; path: string; body: unknown }[] = [];
    ops.forEach((op, i) => {
      const bodyArb = fc.oneof(
        { arbitrary: schemaValue(doc, op.body), weight: 3 },
        ...examples(op).map((e) => ({ arbitrary: mutated(e), weight: 4 })),
        { arbitrary: hostileValue, weight: 1 },
      );
      const pathArb = op.path.includes('{')
        ? idArb(op.path).map((id) => op.path.replace(/\{[^}]+\}/, encodeURIComponent(id)))
        : fc.constant(op.path);
      for (const [path, body] of fc.sample(fc.tuple(pathArb, bodyArb), { seed: SEED + i, numRuns: perOp })) jobs.push({ op, path, body });
    });

    const findings: Finding[] = [];
    const statuses: Record<number, number> = {};
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let j = next++; j < jobs.length; j = next++) {
          const { op, path, body } = jobs[j]!;
          const f = await send(op, path, body);
          statuses[f.status] = (statuses[f.status] ?? 0) + 1;
          if (f.status >= 500 && !op.documented5xx.includes(f.status)) findings.push(f);
        }
      }),
    );
    const health = await svc.call('GET', '/healthz');
    report('fuzz-write-routes', {
      seed: SEED,
      operations: ops.length,
      bodies: jobs.length,
      seconds: (Date.now() - started) / 1000,
      statuses,
      serverErrors: findings.length,
    });
    for (const f of findings.slice(0, 10)) console.log(`[resilience] 5xx (seed ${SEED}): ${JSON.stringify(f)}`);

    expect(jobs.length).toBeGreaterThanOrEqual(5000);
    expect(findings).toEqual([]);
    expect(health.status).toBe(200);
  });
});
