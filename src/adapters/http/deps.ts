import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import type { ServiceQueues } from '../queue/queues';
import type { Config } from '../../runtime/env';
import type { Logger } from 'pino';
import type { ServiceMetrics } from '../metrics/service-metrics';
import type { TiaojieRedis } from '../redis/redis-connection';
import type { ApiKeyIndex } from './auth';

/** Everything the routers use; built once by the bootstrap (or a test). */
export interface ApiDeps {
  readonly config: Config;
  readonly log: Logger;
  readonly redis: TiaojieRedis;
  readonly queues: ServiceQueues;
  readonly keys: ApiKeyIndex;
  readonly metrics: ServiceMetrics;
}

/** What a resource module gets to declare its routes. */
export interface RouteTarget {
  readonly router: Router;
  readonly registry: OpenAPIRegistry;
  readonly deps: ApiDeps;
}
