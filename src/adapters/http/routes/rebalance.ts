import { Job, type Queue } from 'bullmq';
import { z } from 'zod';
import { ConflictError, CountyDisabledError, JobFailedError, NotFoundError, UnavailableError } from '../../../domain/errors';
import { enqueueRebalance, type RebalanceJob } from '../../queue/rebalance-queue';
import { lastFinishedRebalance } from '../../queue/rebalance-history';
import type { Locale } from '../../../domain/i18n/locale';
import { RebalanceRunSchema, runInLocale, type RebalanceRunView } from '../../../use-cases/rebalance/run-schema';
import { LangQuery, requestLocale } from '../locale';
import type { RouteTarget } from '../deps';
import { readJob } from '../job-read';
import { defineRoute, errorBodyWith } from '../route';

/** How long POST /v1/rebalance with a dry run waits for the plan before answering 202, s. */
const DEFAULT_WAIT_SECONDS = 30;
const MAX_WAIT_SECONDS = 120;
/** A cap on moves beyond any county's open cases (a cap above what exists changes nothing). */
const MAX_MOVES = 1_000_000;

/** What a disabled county is refused here (CountyDisabledError). */
const NOT_REBALANCED = 'is not rebalanced';

/** The 202 reply: the queued run and where to read it. */
export const RebalanceQueuedSchema = z
  .object({
    jobId: z.string(),
    state: z.string().meta({ description: 'BullMQ state when answering: `waiting`, `active`, …' }),
    statusUrl: z.string().meta({ description: 'GET it for the state and, once completed, the run (also in the Location header)' }),
  })
  .meta({ id: 'RebalanceQueued' });

export const RebalanceRequestSchema = z
  .strictObject({
    /** @defaultValue true */
    dryRun: z
      .boolean()
      .default(true)
      .meta({ description: 'Only compute and return the plan (default). `false` queues a run that applies it.' }),
    maxMovesPerMediator: z
      .number()
      .int()
      .min(0)
      .max(MAX_MOVES)
      .optional()
      .meta({ description: 'Cap on discretionary moves into or out of one mediator in this run' }),
    maxMoves: z.number().int().min(0).max(MAX_MOVES).optional().meta({
      description:
        'Most discretionary moves in this run, county-wide (forced moves not counted): the moves that gain most for their number are kept',
    }),
    /** @defaultValue 30 */
    waitSeconds: z
      .number()
      .int()
      .min(0)
      .max(MAX_WAIT_SECONDS)
      .default(DEFAULT_WAIT_SECONDS)
      .meta({
        description: `Dry run: how long to wait for the plan before answering 202 with the job to poll (0 = do not wait). Default ${DEFAULT_WAIT_SECONDS}, at most ${MAX_WAIT_SECONDS}.`,
      }),
  })
  .meta({ id: 'RebalanceRequest' });

export const RebalanceJobViewSchema = z
  .object({
    id: z.string(),
    state: z.string(),
    trigger: z.enum(['nightly', 'manual']),
    dryRun: z.boolean(),
    result: RebalanceRunSchema.nullable(),
    failedReason: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'RebalanceJob' });
type RebalanceJobView = z.infer<typeof RebalanceJobViewSchema>;

const LastRunQuery = LangQuery.extend({
  /** @defaultValue any run */
  dryRun: z.enum(['true', 'false']).optional().meta({ description: '`false`: applying runs only; `true`: dry runs only; absent: either' }),
});

/** A run's job as the status routes show it, its moves worded in `locale`. */
function jobView(job: Job<RebalanceJob>, state: string, id: string, locale: Locale): RebalanceJobView {
  const parsed = RebalanceRunSchema.safeParse(job.returnvalue);
  return {
    id: job.id ?? id,
    state,
    trigger: job.data.trigger,
    dryRun: job.data.dryRun,
    result: parsed.success ? runInLocale(parsed.data, locale) : null,
    failedReason: job.failedReason || null,
    createdAt: new Date(job.timestamp).toISOString(),
    finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
  };
}

/** Polls a job until it finishes; its result, or null when it is still running after `waitMs`. */
async function waitForResult(queue: Queue<RebalanceJob>, jobId: string, waitMs: number): Promise<RebalanceRunView | 'failed' | null> {
  const deadline = Date.now() + waitMs;
  for (let pause = 20; Date.now() < deadline; pause = Math.min(250, pause * 2)) {
    const job = await Job.fromId<RebalanceJob>(queue, jobId);
    if (job?.finishedOn) {
      if (job.failedReason && job.returnvalue == null) return 'failed';
      const parsed = RebalanceRunSchema.safeParse(job.returnvalue);
      if (parsed.success) return parsed.data;
    }
    await new Promise((r) => setTimeout(r, pause));
  }
  return null;
}

/**
 * Rebalance jobs need a rebalance worker (`npm start` runs one in the API's process, `tiaojie
 * worker` elsewhere). Without one nothing would ever run them, so the API says so at once. Null
 * when Redis cannot tell (CLIENT LIST refused): then the job is queued as usual.
 */
async function workersListening(queue: Queue<RebalanceJob>): Promise<number | null> {
  try {
    return await queue.getWorkersCount();
  } catch {
    return null;
  }
}

export function rebalanceRoutes({ router, registry, deps }: RouteTarget): void {
  defineRoute(router, registry, {
    method: 'post',
    path: '/v1/rebalance',
    tag: 'rebalance',
    summary: "Re-optimise the county's open caseload with stability (dry run by default)",
    description:
      'The run is computed by a rebalance worker (`npm start` runs one in the same process; `tiaojie worker` runs them apart); with none running the answer is 503 at once and nothing is queued. ' +
      'With `dryRun` (default) the API waits up to `waitSeconds` (default 30) and answers 200 with the plan: every move with from/to and its gain by cost term, total cost and load spread before/after; nothing changes, and live dispatch is not held up. ' +
      'If the plan takes longer, 202 with the job id and `statusUrl` (also the Location header) to poll with GET /v1/rebalance/jobs/{id}. ' +
      'With `dryRun: false` the run is queued at once (202, same shape): it takes the county lock (referrals wait and are dispatched after), applies the moves atomically, records each in the case history and emits `case.reassigned` events. ' +
      'Started (session scheduled, mediating) and pinned cases never move. 409 while an applying run of the county holds the lock. ' +
      'Each move carries `words` (its sentence per language) and `summary` in the language of `?lang=` or `Accept-Language` (zh-CN by default).',
    roles: ['dispatcher'],
    query: LangQuery,
    body: RebalanceRequestSchema,
    response: RebalanceRunSchema,
    responseDescription: 'Dry run finished within `waitSeconds`: the run with `status: planned` and its plan; nothing changed',
    responses: {
      202: {
        description:
          'Queued: always for `dryRun: false` and for `waitSeconds: 0`, else when the dry run’s plan took longer than `waitSeconds`. Poll `statusUrl` (GET /v1/rebalance/jobs/{id}) for the state and, once completed, the run.',
        body: RebalanceQueuedSchema,
        headers: { Location: 'The same as `statusUrl`' },
      },
      403: {
        description:
          'The role may not rebalance (`forbidden`), or the county is disabled (`county_disabled`): a disabled county is not rebalanced, on demand or nightly (its nightly run completes with `status: disabled`), until it is enabled.',
      },
      409: {
        description:
          'An applying run of the county holds its lock (checked before queuing; also when a dry run found it locked): try again when it is done. `details.county` names the county.',
        body: errorBodyWith('conflict'),
      },
      503: {
        description:
          'No rebalance worker is running (an API started alone with `tiaojie serve`): answered at once, nothing is queued. Start `tiaojie worker`, or run the API with its worker (`npm start`, i.e. `tiaojie serve --with-worker`).',
        body: errorBodyWith('unavailable'),
      },
      500: {
        description:
          'The dry run’s job failed (after its retries) while the API waited for it: `details.jobId` and `details.statusUrl` name it; GET /v1/rebalance/jobs/{id} gives its `failedReason`, and the service log has it too.',
        body: errorBodyWith('internal'),
      },
    },
    handler: async ({ caller, body, res, req }) => {
      const locale = requestLocale(req);
      if ((await deps.stores.countyConfigs.of(caller.county)).status === 'disabled')
        throw new CountyDisabledError(caller.county, NOT_REBALANCED);
      if (await deps.stores.rebalanceLock(caller.county).isLocked()) {
        throw new ConflictError('a rebalance of this county is being applied; try again when it is done', { county: caller.county });
      }
      const queue = deps.rebalanceQueue();
      if ((await workersListening(queue)) === 0) {
        throw new UnavailableError(
          'no rebalance worker is running: start the service with its worker (`npm start`, i.e. `tiaojie serve --with-worker`) or run `tiaojie worker`',
        );
      }
      const jobId = await enqueueRebalance(queue, {
        county: caller.county,
        dryRun: body.dryRun,
        requestedBy: caller.label,
        ...(body.maxMovesPerMediator !== undefined ? { maxMovesPerMediator: body.maxMovesPerMediator } : {}),
        ...(body.maxMoves !== undefined ? { maxMoves: body.maxMoves } : {}),
      });
      const statusUrl = `/v1/rebalance/jobs/${encodeURIComponent(jobId)}`;
      const queued = async () => {
        const job = await Job.fromId(queue, jobId);
        res
          .status(202)
          .location(statusUrl)
          .json({ jobId, state: job ? await job.getState() : 'unknown', statusUrl });
        return undefined;
      };
      if (!body.dryRun || body.waitSeconds === 0) return queued();
      const result = await waitForResult(queue, jobId, body.waitSeconds * 1000);
      if (!result) return queued();
      if (result === 'failed') throw new JobFailedError('the rebalance dry run', jobId, statusUrl);
      if (result.status === 'disabled') throw new CountyDisabledError(caller.county, NOT_REBALANCED);
      if (result.status === 'locked')
        throw new ConflictError('a rebalance of this county is being applied; try again when it is done', { county: caller.county });
      return runInLocale(result, locale);
    },
  });

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/v1/rebalance/jobs/:id',
      tag: 'rebalance',
      summary: 'State and result of a rebalance run (nightly or queued)',
      roles: ['dispatcher', 'viewer'],
      params: z.object({ id: z.string().min(1).max(200) }),
      query: LangQuery,
      response: RebalanceJobViewSchema,
      handler: async ({ caller, params, req }) => {
        const locale = requestLocale(req);
        const read = await readJob<RebalanceJob>(deps.rebalanceQueue(), params.id);
        if (!read || read.job.data?.county !== caller.county) throw new NotFoundError('rebalance job', params.id);
        return jobView(read.job, read.state, params.id, locale);
      },
    },
    [404],
  );

  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/rebalance/last',
    tag: 'rebalance',
    summary: "The county's most recently finished rebalance run (nightly or on demand), with its result",
    description:
      'The newest completed or failed run of the caller’s county, in the shape of GET /v1/rebalance/jobs/{id}; `dryRun=false` only applying runs (the nightly run and applies), `dryRun=true` only dry runs. ' +
      'Runs are kept 30 days (at most the newest 1,000 of the installation): `job` is null when none of the county is left (200, so a console asking on every visit logs no error).',
    roles: ['dispatcher', 'viewer'],
    query: LastRunQuery,
    // A union, not .nullable(): the generator writes a nullable $ref as allOf [ref, object|null], which null fails.
    response: z.object({ job: z.union([RebalanceJobViewSchema, z.null()]) }).meta({ id: 'RebalanceLast' }),
    handler: async ({ caller, query, req }) => {
      const locale = requestLocale(req);
      const last = await lastFinishedRebalance(
        deps.rebalanceQueue(),
        caller.county,
        query.dryRun === undefined ? {} : { dryRun: query.dryRun === 'true' },
      );
      return { job: last ? jobView(last.job, last.state, last.job.id ?? '', locale) : null };
    },
  });
}
