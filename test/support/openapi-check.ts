import pino from 'pino';
import { createApp } from '../../src/api/app';
import { ApiKeyIndex } from '../../src/api/auth';
import { createQueues } from '../../src/queue/queues';
import { loadConfig } from '../../src/service/config';
import { createMetrics } from '../../src/service/metrics';
import { bullConnection, createRedis } from '../../src/store/redis-connection';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  slash?: boolean;
}

function walk(stack: readonly Layer[], out: string[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const p of paths) {
        for (const [m, on] of Object.entries(layer.route.methods)) {
          if (on && m !== '_all') out.push(`${m.toUpperCase()} ${p.replace(/:([A-Za-z_]+)/g, '{$1}')}`);
        }
      }
    } else if (layer.handle?.stack && layer.slash) {
      // Routers mounted at the root hold the API routes; mounted sub-apps (bull-board) are documented as one path.
      walk(layer.handle.stack, out);
    }
  }
}

/** Every METHOD path the Express app serves, read from its router stack (independent of the registry). */
export async function collectRoutes(redisUrl: string): Promise<string[]> {
  const config = loadConfig({ REDIS_URL: redisUrl });
  const redis = createRedis(redisUrl);
  const queues = createQueues(bullConnection(redisUrl), 'openapi-check');
  try {
    const { app } = createApp({ config, log: pino({ level: 'silent' }), redis, queues, keys: new ApiKeyIndex([]), metrics: createMetrics({ defaultMetrics: false }) });
    const out: string[] = [];
    walk((app as unknown as { router: { stack: Layer[] } }).router.stack, out);
    return [...new Set(out)];
  } finally {
    await queues.close();
    redis.disconnect();
  }
}

/** Structural checks of an OpenAPI 3.1 document: refs resolve, operations answer, path params declared. */
export function checkOpenApi(doc: any): string[] {
  const problems: string[] = [];
  const resolveRef = (ref: string): unknown =>
    ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<any>((node, part) => (node === undefined ? undefined : node[part.replace(/~1/g, '/').replace(/~0/g, '~')]), doc);
  const visit = (node: unknown, where: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${where}[${i}]`));
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && resolveRef(v) === undefined) problems.push(`${where}: unresolved ${v}`);
      visit(v, `${where}.${k}`);
    }
  };
  visit(doc, '#');
  if (!doc.info?.title || !doc.info?.version) problems.push('info.title and info.version are required');
  for (const [path, ops] of Object.entries((doc.paths ?? {}) as Record<string, Record<string, any>>)) {
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const [method, op] of Object.entries(ops)) {
      const codes = Object.keys(op.responses ?? {});
      if (!codes.some((c) => c.startsWith('2'))) problems.push(`${method} ${path}: no success response`);
      if (!op.summary) problems.push(`${method} ${path}: no summary`);
      const declared = new Set((op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name));
      for (const t of templated) if (!declared.has(t)) problems.push(`${method} ${path}: path parameter ${t} not declared`);
    }
  }
  return problems;
}
