import { Job, Queue } from 'bullmq';
import { z } from 'zod';
import { loadDispatchConfig } from '../../config/load';
import { ConflictError, NotFoundError } from '../../errors';
import { enqueueRebalance, REBALANCE_QUEUE, type RebalanceJob } from '../../queue/rebalance-queue';
import { runRebalance } from '../../rebalance/run-rebalance';
import { RebalanceRunSchema, runView } from '../../rebalance/run-schema';
import { loadRebalanceSettings } from '../../rebalance/settings';
import { RedisRebalanceStore } from '../../store/rebalance-store';
import type { ApiDeps, RouteTarget } from '../deps';
import { defineRoute } from '../route';

export const RebalanceRequestSchema = z
  .strictObject({
    /** @defaultValue true */
    dryRun: z.boolean().default(true).meta({ description: 'Only compute and return the plan (default). `false` queues a run that applies it.' }),
    maxMovesPerMediator: z.number().int().min(0).optional().meta({ description: 'Cap on discretionary moves into or out of one mediator in this run' }),
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

/** One queue handle per app, sharing the API's Redis client (closed with it). */
const queues = new WeakMap<ApiDeps, Queue<RebalanceJob>>();
function rebalanceQueue(deps: ApiDeps): Queue<RebalanceJob> {
  let q = queues.get(deps);
  if (!q) {
    q = new Queue<RebalanceJob>(REBALANCE_QUEUE, { connection: deps.redis, prefix: deps.config.QUEUE_PREFIX });
    queues.set(deps, q);
  }
  return q;
}

export function rebalanceRoutes({ router, registry, deps }: RouteTarget): void {
  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/v1/rebalance',
      tag: 'rebalance',
      summary: "Re-optimise the county's open caseload with stability (dry run by default)",
      description:
        'With `dryRun` (default) the plan is computed now and returned: every move with from/to and its gain by cost term, total cost and load spread before/after; nothing changes. ' +
        'With `dryRun: false` a run is queued (202 with a job id; read it with GET /v1/rebalance/jobs/{id}); it applies the moves atomically and emits `case.reassigned` events. ' +
        'Started (session scheduled, mediating) and pinned cases never move. 409 while another rebalance of the county runs.',
      roles: ['dispatcher'],
      body: RebalanceRequestSchema,
      response: z.union([RebalanceRunSchema, z.object({ jobId: z.string() })]),
      handler: async ({ caller, body, res }) => {
        if (!body.dryRun) {
          const jobId = await enqueueRebalance(rebalanceQueue(deps), {
            county: caller.county,
            dryRun: false,
            requestedBy: caller.label,
            ...(body.maxMovesPerMediator !== undefined ? { maxMovesPerMediator: body.maxMovesPerMediator } : {}),
          });
          res.status(202).json({ jobId });
          return undefined;
        }
        const settings = loadRebalanceSettings();
        const store = new RedisRebalanceStore(deps.redis, caller.county, { eventsMaxLen: deps.config.EVENTS_MAX_LEN });
        const policy = { ...settings.policy, ...(body.maxMovesPerMediator !== undefined ? { maxMovesPerMediator: body.maxMovesPerMediator } : {}) };
        const run = await runRebalance(store, { config: loadDispatchConfig(), policy, dryRun: true });
        if (run.status === 'locked') throw new ConflictError('a rebalance of this county is running; try again when it is done', { county: caller.county });
        return runView(run);
      },
    },
    [409],
  );

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
      response: RebalanceJobViewSchema,
      handler: async ({ caller, params }) => {
        const job = (await Job.fromId(rebalanceQueue(deps), params.id)) as Job<RebalanceJob> | undefined;
        if (!job || job.data?.county !== caller.county) throw new NotFoundError('rebalance job', params.id);
        const parsed = RebalanceRunSchema.safeParse(job.returnvalue);
        return {
          id: job.id!,
          state: await job.getState(),
          trigger: job.data.trigger,
          dryRun: job.data.dryRun,
          result: parsed.success ? parsed.data : null,
          failedReason: job.failedReason || null,
          createdAt: new Date(job.timestamp).toISOString(),
          finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
        };
      },
    },
    [404],
  );
}
