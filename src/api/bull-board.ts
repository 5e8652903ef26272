import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Express } from 'express';
import { requireRole } from './auth';
import type { ApiDeps } from './deps';

export const BULL_BOARD_PATH = '/admin/queues';

/** The BullMQ dashboard, for admins only (the auth middleware runs before it). */
export function mountBullBoard(app: Express, deps: ApiDeps, registry: OpenAPIRegistry): void {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: [new BullMQAdapter(deps.queues.referrals), new BullMQAdapter(deps.queues.webhooks)],
    // @bull-board/express 9.10.1 pins its own @bull-board/api 9.10.1: same runtime shape, distinct TS class.
    serverAdapter: adapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
  });
  app.use(BULL_BOARD_PATH, requireRole([]), adapter.getRouter());
  registry.registerPath({
    method: 'get',
    path: BULL_BOARD_PATH,
    tags: ['admin'],
    summary: 'BullMQ dashboard (HTML, admin keys only)',
    security: [{ bearer: [] }],
    responses: { 200: { description: 'HTML' }, 401: { description: 'no key' }, 403: { description: 'not admin' } },
  });
}
