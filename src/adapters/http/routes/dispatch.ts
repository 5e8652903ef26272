import { z } from 'zod';
import { NotFoundError } from '../../../domain/errors';
import { DispatchJobResultSchema, type DispatchJob } from '../../queue/job-schemas';
import { enqueueDispatchAll } from '../../queue/queues';
import { readJob } from '../job-read';
import { defineRoute } from '../route';
import type { RouteTarget } from '../deps';

export const JobViewSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['referral', 'dispatch']),
    state: z.string().meta({ description: 'waiting | active | delayed | completed | failed | …' }),
    attemptsMade: z.number(),
    result: DispatchJobResultSchema.nullable(),
    failedReason: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'Job' });

export function dispatchRoutes({ router, registry, deps }: RouteTarget): void {
  defineRoute(router, registry, {
    method: 'post',
    path: '/v1/dispatch',
    tag: 'dispatch',
    summary: 'Solve all waiting cases of the county now',
    description: 'Returns at once with a job id; read the outcome with GET /v1/jobs/{id}.',
    roles: ['dispatcher'],
    status: 202,
    response: z.object({ jobId: z.string() }),
    handler: async ({ caller }) => ({ jobId: await enqueueDispatchAll(deps.queues.referrals, caller.county, caller.label) }),
  });

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/v1/jobs/:id',
      tag: 'dispatch',
      summary: 'State and result of a dispatch or referral job',
      roles: ['dispatcher', 'viewer'],
      params: z.object({ id: z.string().min(1).max(200) }),
      response: JobViewSchema,
      handler: async ({ caller, params }) => {
        const read = await readJob<DispatchJob>(deps.queues.referrals, params.id);
        // Another county's job is as invisible as a missing one.
        if (!read || read.job.data?.county !== caller.county) throw new NotFoundError('job', params.id);
        const { job, state } = read;
        const parsed = DispatchJobResultSchema.safeParse(job.returnvalue);
        return {
          id: job.id ?? params.id,
          kind: job.data.kind,
          state,
          attemptsMade: job.attemptsMade,
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
