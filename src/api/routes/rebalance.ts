import { Job, Queue } from 'bullmq';
import { z } from 'zod';
import { ConflictError, NotFoundError } from '../../errors';
import { enqueueRebalance, REBALANCE_QUEUE, type RebalanceJob } from '../../queue/rebalance-queue';
import { RebalanceRunSchema, type RebalanceRunView } from '../../rebalance/run-schema';
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

/** How long POST /v1/rebalance with a dry run waits for the plan before answering 202. */
const DRY_RUN_WAIT_MS = 30_000;

/** Polls a job until it finishes; its result, or null when it is still running after `waitMs`. */
async function waitForResult(queue: Queue<RebalanceJob>, jobId: string, waitMs: number): Promise<RebalanceRunView | null> {
  const deadline = Date.now() + waitMs;
  for (let pause = 20; Date.now() < deadline; pause = Math.min(250, pause * 2)) {
    const job = (await Job.fromId(queue, jobId)) as Job<RebalanceJob> | undefined;
    if (job?.finishedOn) {
      if (job.failedReason && job.returnvalue == null) throw new Error(`rebalance job ${jobId} failed: ${job.failedReason}`);
      const parsed = RebalanceRunSchema.safeParse(job.returnvalue);
      if (parsed.success) return parsed.data;
    }
    await new Promise((r) => setTimeout(r, pause));
  }
  return null;
}

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
        'With `dryRun` (default) the plan is computed by the rebalance worker and returned (202 with a job id if it takes over 30 s): every move with from/to and its gain by cost term, total cost and load spread before/after; nothing changes. ' +
        'With `dryRun: false` a run is queued (202 with a job id; read it with GET /v1/rebalance/jobs/{id}); it applies the moves atomically and emits `case.reassigned` events. ' +
        'Started (session scheduled, mediating) and pinned cases never move. 409 while another rebalance of the county runs.',
      roles: ['dispatcher'],
      body: RebalanceRequestSchema,
      response: z.union([RebalanceRunSchema, z.object({ jobId: z.string() })]),
      handler: async ({ caller, body, res }) => {
        const queue = rebalanceQueue(deps);
        const jobId = await enqueueRebalance(queue, {
          county: caller.county,
          dryRun: body.dryRun,
          requestedBy: caller.label,
          ...(body.maxMovesPerMediator !== undefined ? { maxMovesPerMediator: body.maxMovesPerMediator } : {}),
        });
        if (!body.dryRun) {
          res.status(202).json({ jobId });
          return undefined;
        }
        // The plan is computed by the rebalance worker (the model build takes seconds and must not
        // stall this process's event loop); wait for it a while, else hand out the job id.
        const result = await waitForResult(queue, jobId, DRY_RUN_WAIT_MS);
        if (!result) {
          res.status(202).json({ jobId });
          return undefined;
        }
        if (result.status === 'locked') throw new ConflictError('a rebalance of this county is running; try again when it is done', { county: caller.county });
        return result;
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
