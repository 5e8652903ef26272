import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { z } from 'zod';
import { within } from '../../../domain/deadline';
import { UnavailableError } from '../../../domain/errors';
import type { ApiDeps } from '../deps';
import { ErrorBodySchema } from '../route';

const HealthSchema = z.object({ status: z.literal('ok') });

/** Liveness and readiness: public, for load balancers and orchestrators. */
export function healthRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  router.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  router.get('/readyz', async (_req, res) => {
    if (deps.drain?.draining) throw new UnavailableError('shutting down');
    const answered = await within(deps.stores.health.ping(), 1000).catch(() => ({ timedOut: true }));
    if (answered.timedOut) throw new UnavailableError('Redis is not reachable');
    res.json({ status: 'ok' });
  });
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    tags: ['health'],
    summary: 'Liveness: the process answers',
    responses: { 200: { description: 'alive', content: { 'application/json': { schema: HealthSchema } } } },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    tags: ['health'],
    summary: 'Readiness: Redis answers',
    responses: {
      200: { description: 'ready', content: { 'application/json': { schema: HealthSchema } } },
      503: {
        description: 'Redis unreachable, or the process is shutting down',
        content: { 'application/json': { schema: ErrorBodySchema } },
      },
    },
  });
}
