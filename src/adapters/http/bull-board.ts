import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Express, NextFunction, Request, Response, Router } from 'express';
import { requireInstallationAdmin } from './auth';
import type { ApiDeps } from './deps';

export const BULL_BOARD_PATH = '/admin/queues';

/**
 * Browsers cannot add a bearer header to the dashboard's page and asset requests, so under
 * BULL_BOARD_PATH HTTP Basic is accepted too, with the installation admin key as the password; it is
 * rewritten to a bearer header before the normal authentication runs.
 */
export function dashboardBasicAuth(req: Request, res: Response, next: NextFunction): void {
  if (!req.path.startsWith(BULL_BOARD_PATH)) return next();
  res.setHeader('WWW-Authenticate', 'Basic realm="tiaojie admin", charset="UTF-8"');
  const encoded = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  if (encoded !== undefined) {
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const key = decoded.slice(decoded.indexOf(':') + 1);
    if (key) req.headers.authorization = `Bearer ${key}`;
  }
  next();
}

/**
 * The BullMQ dashboard. Its queues are shared by every county (their jobs and results name the
 * county), so it is for installation admins only (the auth middleware runs before it).
 */
export function mountBullBoard(app: Express, deps: ApiDeps, registry: OpenAPIRegistry): void {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({
    queues: [new BullMQAdapter(deps.queues.referrals), new BullMQAdapter(deps.queues.webhooks)],
    serverAdapter: adapter,
  });
  app.use(BULL_BOARD_PATH, requireInstallationAdmin(), adapter.getRouter() as Router);
  registry.registerPath({
    method: 'get',
    path: BULL_BOARD_PATH,
    tags: ['admin'],
    summary: 'BullMQ dashboard (HTML, installation admin keys only)',
    security: [{ bearer: [] }],
    responses: {
      200: { description: 'HTML' },
      401: { description: 'no key' },
      403: { description: 'not an installation admin (county "*")' },
      429: { description: 'too many failed authentications (Retry-After)' },
    },
  });
}
