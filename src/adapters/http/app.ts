import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import { authenticate, requireInstallationAdmin } from './auth';
import { limitPerKey } from './per-key-limit';
import { RateLimiter } from './rate-limiter';
import type { ApiDeps, RouteTarget } from './deps';
import { errorHandler, notFoundHandler } from './error-handler';
import { storeGate } from './store-gate';
import { BULL_BOARD_PATH, dashboardBasicAuth, mountBullBoard } from './bull-board';
import { closeConnectionsWhenDraining } from './drain';
import { requireJsonBody } from './require-json';
import { countyRoutes, ROSTER_PATH } from './routes/counties';
import { caseRoutes } from './routes/cases';
import { dispatchRoutes } from './routes/dispatch';
import { eventRoutes } from './routes/events';
import { healthRoutes } from './routes/health';
import { mediatorRoutes } from './routes/mediators';
import { referralRoutes } from './routes/referrals';
import { webhookRoutes } from './routes/webhooks';
import { lifecycleRoutes } from './routes/lifecycle';
import { rebalanceRoutes } from './routes/rebalance';
import { calendarRoutes } from './routes/calendars';
import { calendarFeedRoutes, withoutFeedToken } from './routes/calendar-feeds';
import { reportRoutes } from './routes/reports';
import { geographyRoutes } from './routes/geography';
import { proposalRoutes } from './routes/proposals';
import { panelRoutes } from './routes/panels';
import { settingsRoutes } from './routes/settings';
import { courtFigureRoutes } from './routes/court-figures';
import { indicatorSettingsRoutes } from './routes/indicator-settings';
import { consentRoutes } from './routes/consent';
import { agreementRoutes } from './routes/agreement';
import { labelRoutes } from './routes/labels';
import { mountConsole } from './console-static';
import { apiDocsHtml } from './api-docs-page';
import { sessionRoutes, signInRoute } from './routes/session';
import { userRoutes } from './routes/users';
import { reservationRoutes } from './routes/reservations';
import { summonsRoutes } from './routes/summonses';
import { departmentRoutes } from './routes/departments';

/** The API version in the OpenAPI document. */
export const API_VERSION = '1.0.0';

export interface BuiltApp {
  readonly app: Express;
  /** The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with. */
  readonly openapi: ReturnType<OpenApiGeneratorV31['generateDocument']>;
}

/** Builds the Express app: public health routes, then auth, then the v1 resources. */
export function createApp(deps: ApiDeps): BuiltApp {
  const gateTimes = { deadlineMs: deps.config.REQUEST_DEADLINE_MS, unreachableMs: deps.config.REDIS_COMMAND_TIMEOUT_MS };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'API key' });
  registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'tiaojie_session',
    description: 'The session cookie of POST /v1/session; writes also need the header X-CSRF-Token',
  });

  app.use(helmet());
  app.use(
    pinoHttp({
      logger: deps.log,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Method, route and status only: bodies and query strings may carry refs a log should not keep.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: withoutFeedToken(req.url.split('?')[0] ?? ''),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics' },
    }),
  );
  app.use((req, res, next) => {
    const end = deps.metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () =>
      end({ route: (req.route as { path?: string } | undefined)?.path ?? 'unmatched', status: String(res.statusCode) }),
    );
    next();
  });
  if (deps.drain) app.use(closeConnectionsWhenDraining(deps.drain));
  // The roster import takes CSV too (issue 21): read as text here, before the JSON rule sees it.
  app.put(ROSTER_PATH, express.text({ type: 'text/csv', limit: deps.config.BODY_LIMIT }));
  app.use(requireJsonBody());
  app.use(express.json({ limit: deps.config.BODY_LIMIT }));

  const publicRouter = express.Router();
  healthRoutes(publicRouter, registry, deps);
  app.use(publicRouter);

  // Served once the document below is built: no request arrives before createApp returns.
  app.get('/openapi.json', (_req, res) => void res.json(openapi));
  // Rendered once, on first request: the document never changes after createApp.
  let docsPage: string | undefined;
  app.get('/docs', (_req, res) => void res.type('html').send((docsPage ??= apiDocsHtml(openapi))));

  // Calendar apps send no Authorization header: the secret in the feed's URL is its credential.
  const feedRouter = express.Router();
  feedRouter.use('/v1/calendar-feeds', storeGate(deps.stores.health, gateTimes));
  calendarFeedRoutes(feedRouter, registry, deps);
  app.use(feedRouter);

  // The dispatcher console's files are public; everything it shows comes through the API below.
  mountConsole(app, deps.consoleDir);
  registry.registerPath({
    method: 'get',
    path: '/',
    tags: ['health'],
    summary: 'Redirects to the dispatcher console at /console/ (static files, signed in through /v1/session)',
    responses: { 302: { description: 'Location: /console/' } },
  });

  const authFailures = deps.config.AUTH_FAIL_LIMIT;
  // One limiter per address for unknown keys and failed sign-ins alike: a guesser gets AUTH_FAIL_LIMIT tries a minute in all.
  const authLimits = {
    byAddress: new RateLimiter({ perMinute: authFailures }),
    byKeyPrefix: new RateLimiter({ perMinute: authFailures }),
  };
  if (deps.accounts) {
    const signIn = express.Router();
    signIn.use('/v1/session', storeGate(deps.stores.health, gateTimes));
    signInRoute(signIn, registry, deps.accounts, authLimits.byAddress);
    sessionRoutes(signIn, registry, deps.accounts);
    app.use(signIn);
  }

  app.use(dashboardBasicAuth);
  app.use(authenticate(deps.keys, authLimits, deps.accounts?.sessions));
  // Process-wide counters of every county: for installation admins only.
  app.get('/metrics', requireInstallationAdmin(), async (_req, res) => {
    res.setHeader('Content-Type', deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    tags: ['health'],
    summary: 'Prometheus metrics (queue depth, solve time, assignment latency, HTTP); installation admin keys only',
    security: [{ bearer: [] }],
    responses: {
      200: { description: 'text/plain; version=0.0.4' },
      401: { description: 'no key' },
      403: { description: 'not an installation admin (county "*")' },
      429: { description: 'too many failed authentications (Retry-After)' },
    },
  });
  // The dashboard's own API reads BullMQ: the same fast 503 as the data routes while Redis is away.
  app.use(`${BULL_BOARD_PATH}/api`, storeGate(deps.stores.health, gateTimes));
  mountBullBoard(app, deps, registry);
  app.post('/v1/referrals', limitPerKey(new RateLimiter({ perMinute: deps.config.INTAKE_RATE_LIMIT }), 'referral requests'));

  const router = express.Router();
  // Redis away: 503 redis_unavailable at once (and for requests caught running), not a hang.
  router.use(storeGate(deps.stores.health, gateTimes));
  const target: RouteTarget = { router, registry, deps };
  referralRoutes(target);
  caseRoutes(target);
  mediatorRoutes(target);
  dispatchRoutes(target);
  eventRoutes(target);
  webhookRoutes(target);
  lifecycleRoutes(target);
  calendarRoutes(target);
  reportRoutes(target);
  rebalanceRoutes(target);
  geographyRoutes(target);
  proposalRoutes(target);
  panelRoutes(target);
  settingsRoutes(target);
  consentRoutes(target);
  agreementRoutes(target);
  labelRoutes(target);
  if (deps.accounts) userRoutes(target, deps.accounts);
  reservationRoutes(target);
  summonsRoutes(target);
  departmentRoutes(target);
  courtFigureRoutes(target);
  indicatorSettingsRoutes(target);
  countyRoutes(target);
  app.use(router);

  registry.registerPath({
    method: 'get',
    path: '/openapi.json',
    tags: ['health'],
    summary: 'This document',
    responses: { 200: { description: 'OpenAPI 3.1' } },
  });
  registry.registerPath({
    method: 'get',
    path: '/docs',
    tags: ['health'],
    summary: 'This document as a readable HTML page (no script)',
    responses: { 200: { description: 'text/html' } },
  });
  const openapi: BuiltApp['openapi'] = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'tiaojie — mediation dispatch service',
      version: API_VERSION,
      description:
        'Referrals in, assignments out. Every /v1 route needs `Authorization: Bearer <API key>` (systems) or the session cookie of POST /v1/session (people, in the console; writes then also need `X-CSRF-Token`); keys and users carry a role and a county. An admin key with county `*` (installation admin) reads /metrics and /admin/queues, manages every county’s users, and reads no county route.',
    },
    servers: [{ url: '/' }],
  });

  app.use(notFoundHandler);
  app.use(errorHandler(deps.log, deps.config.BODY_LIMIT, (err) => deps.stores.health.unavailableError(err)));
  return { app, openapi };
}
