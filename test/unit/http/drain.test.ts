import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express from 'express';
import type { Logger } from 'pino';
import request from 'supertest';
import type { ApiDeps } from '../../../src/adapters/http/deps';
import { closeConnectionsWhenDraining, DrainSwitch } from '../../../src/adapters/http/drain';
import { errorHandler } from '../../../src/adapters/http/error-handler';
import { healthRoutes } from '../../../src/adapters/http/routes/health';

const silent = { warn: () => undefined, error: () => undefined } as unknown as Logger;

function appWith(drain: DrainSwitch): express.Express {
  const app = express();
  app.use(closeConnectionsWhenDraining(drain));
  const router = express.Router();
  const deps = { drain, stores: { health: { ping: () => Promise.resolve('PONG') } } } as unknown as ApiDeps;
  healthRoutes(router, new OpenAPIRegistry(), deps);
  app.use(router);
  app.use(errorHandler(silent, '1mb'));
  return app;
}

describe('draining on shutdown', () => {
  test('when not draining, then readiness is 200', async () => {
    const reply = await request(appWith(new DrainSwitch())).get('/readyz');
    expect(reply.status).toBe(200);
  });

  test('when draining, then readiness is 503 and every reply closes its connection', async () => {
    const drain = new DrainSwitch();
    drain.start();
    const app = appWith(drain);
    const ready = await request(app).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.error.message).toBe('shutting down');
    const live = await request(app).get('/healthz');
    expect(live.status).toBe(200);
    expect(live.headers.connection).toBe('close');
  });
});
