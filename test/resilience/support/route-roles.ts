import pino from 'pino';
import { createApp } from '../../../src/adapters/http/app';
import { ApiKeyIndex } from '../../../src/adapters/http/auth';
import { createMetrics } from '../../../src/adapters/metrics/service-metrics';
import { createQueues } from '../../../src/adapters/queue/queues';
import { bullConnection, createRedis } from '../../../src/adapters/redis/redis-connection';
import { ForbiddenError } from '../../../src/domain/errors';
import type { Role } from '../../../src/domain/access';
import { redisApiDeps } from '../../../src/runtime/api-deps';
import { redisAccounts } from '../../../src/runtime/accounts';
import { loadConfig } from '../../../src/runtime/env';

type Handle = (req: unknown, res: unknown, next: () => void) => unknown;
interface Layer {
  readonly route?: { readonly path: string | string[]; readonly methods: Record<string, boolean>; readonly stack: readonly Layer[] };
  readonly handle?: Handle & { readonly stack?: readonly Layer[] };
  readonly slash?: boolean;
}

/** The roles, besides admin, that a role gate lets through: it is called as a request of each would reach it. */
function rolesLetThrough(gate: Handle, roles: readonly Role[]): Role[] {
  return roles.filter((role) => {
    let passed = false;
    try {
      gate({}, { locals: { caller: { role, county: 'probe', label: 'probe' } } }, () => (passed = true));
    } catch (err) {
      if (!(err instanceof ForbiddenError)) throw err;
    }
    return passed;
  });
}

function walk(stack: readonly Layer[], roles: readonly Role[], out: Map<string, Role[]>): void {
  for (const layer of stack) {
    if (layer.route) {
      // defineRoute (and /metrics) put the role gate first: `router[method](path, requireRole(roles), handler)`.
      const gate = layer.route.stack[0]?.handle;
      if (!gate || layer.route.stack.length < 2) continue;
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const p of paths)
        for (const [m, on] of Object.entries(layer.route.methods))
          if (on && m !== '_all') out.set(`${m.toUpperCase()} ${p.replace(/:([A-Za-z_]+)/g, '{$1}')}`, rolesLetThrough(gate, roles));
    } else if (layer.handle?.stack && layer.slash) {
      walk(layer.handle.stack, roles, out);
    }
  }
}

/**
 * Which non-admin roles each route of the real app lets through (`METHOD /openapi/{path}` → roles),
 * read from the route definitions' role gates rather than from replies, so the auth matrix has
 * an expectation that does not come from the behaviour it checks. Routes without a gate of their
 * own (public routes, mounted sub-apps such as bull-board) are absent.
 */
export async function routeRoles(redisUrl: string, roles: readonly Role[]): Promise<Map<string, Role[]>> {
  const config = loadConfig({ REDIS_URL: redisUrl });
  const redis = createRedis(redisUrl);
  const queues = createQueues(bullConnection(redisUrl), 'route-roles');
  try {
    const accounts = redisAccounts(redis, config);
    const deps = { config, log: pino({ level: 'silent' }), redis, queues, keys: new ApiKeyIndex([]), accounts };
    const { app } = createApp(redisApiDeps({ ...deps, metrics: createMetrics({ defaultMetrics: false }) }));
    const out = new Map<string, Role[]>();
    walk((app as unknown as { router: { stack: Layer[] } }).router.stack, roles, out);
    return out;
  } finally {
    await queues.close();
    redis.disconnect();
  }
}
