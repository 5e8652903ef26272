import pino from 'pino';
import { createApp } from '../../src/adapters/http/app';
import { ApiKeyIndex } from '../../src/adapters/http/auth';
import { createQueues } from '../../src/adapters/queue/queues';
import { loadConfig } from '../../src/runtime/env';
import { redisApiDeps } from '../../src/runtime/api-deps';
import { createMetrics } from '../../src/adapters/metrics/service-metrics';
import { bullConnection, createRedis } from '../../src/adapters/redis/redis-connection';

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
    const { app } = createApp(
      redisApiDeps({
        config,
        log: pino({ level: 'silent' }),
        redis,
        queues,
        keys: new ApiKeyIndex([]),
        metrics: createMetrics({ defaultMetrics: false }),
      }),
    );
    const out: string[] = [];
    walk((app as unknown as { router: { stack: Layer[] } }).router.stack, out);
    return [...new Set(out)];
  } finally {
    await queues.close();
    redis.disconnect();
  }
}

/** The parts of a JSON Schema (as zod-to-openapi emits it) these checks read; `true` or `{}` accept anything. */
export interface JsonSchema {
  readonly $ref?: string;
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly allOf?: readonly SchemaNode[];
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly type?: string | string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: SchemaNode;
  readonly items?: SchemaNode;
}
type SchemaNode = JsonSchema | boolean | undefined;

/** One response of an operation. */
interface DocumentedResponse {
  readonly content?: Readonly<Record<string, { readonly schema?: SchemaNode }>>;
  readonly headers?: Readonly<Record<string, unknown>>;
}

/** One operation (method of a path). */
interface Operation {
  readonly summary?: string;
  readonly parameters?: readonly { readonly in: string; readonly name: string }[];
  readonly responses?: Readonly<Record<string, DocumentedResponse>>;
}

/** The parts of an OpenAPI 3.1 document these checks read. */
export interface OpenApiDoc {
  readonly info?: { readonly title?: string; readonly version?: string };
  readonly paths?: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
}

/** Structural checks of an OpenAPI 3.1 document: refs resolve, operations answer, path params declared. */
export function checkOpenApi(doc: OpenApiDoc): string[] {
  const problems: string[] = [];
  const resolveRef = (ref: string): unknown =>
    ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>(
        (node, part) => (node === undefined ? undefined : (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')]),
        doc,
      );
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
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
    for (const [method, op] of Object.entries(ops)) {
      const codes = Object.keys(op.responses ?? {});
      // A redirect (GET / to the console) succeeds with its 3xx.
      if (!codes.some((c) => c.startsWith('2') || c.startsWith('3'))) problems.push(`${method} ${path}: no success response`);
      if (!op.summary) problems.push(`${method} ${path}: no summary`);
      const declared = new Set((op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name));
      for (const t of templated) if (!declared.has(t)) problems.push(`${method} ${path}: path parameter ${t} not declared`);
    }
  }
  return problems;
}

/** The JSON type of a value as JSON Schema names it. */
function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/**
 * Where `value` departs from `schema` (a JSON Schema of the OpenAPI document `doc`): the subset
 * zod-to-openapi emits — $ref, type, enum, const, properties/required/additionalProperties, items,
 * anyOf/oneOf/allOf. Empty when it conforms. Independent of the zod schemas the document came from.
 */
export function conformance(doc: OpenApiDoc, schema: SchemaNode, value: unknown, where = '$'): string[] {
  if (schema === undefined || schema === true || (typeof schema === 'object' && Object.keys(schema).length === 0)) return [];
  // `false` has none of the keywords below, so it found nothing either.
  if (schema === false) return [];
  if (schema.$ref) {
    const target = schema.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((n, p) => (n as Record<string, unknown> | null | undefined)?.[p], doc);
    return target === undefined ? [`${where}: unresolved ${schema.$ref}`] : conformance(doc, target as SchemaNode, value, where);
  }
  const out: string[] = [];
  if (schema.anyOf || schema.oneOf) {
    const options = schema.anyOf ?? schema.oneOf ?? [];
    if (!options.some((o) => conformance(doc, o, value, where).length === 0))
      out.push(`${where}: matches none of ${options.length} alternatives`);
  }
  for (const part of schema.allOf ?? []) out.push(...conformance(doc, part, value, where));
  if (schema.const !== undefined && value !== schema.const)
    out.push(`${where}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) out.push(`${where}: ${JSON.stringify(value)} not in ${JSON.stringify(schema.enum)}`);
  if (schema.type) {
    const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
    const t = jsonType(value);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number')))
      return [...out, `${where}: ${t}, documented ${types.join('|')}`];
  }
  if (jsonType(value) === 'object' && (schema.properties || schema.required || schema.additionalProperties !== undefined)) {
    const obj = value as Record<string, unknown>;
    for (const k of schema.required ?? []) if (!(k in obj)) out.push(`${where}.${k}: required, missing`);
    for (const [k, v] of Object.entries(obj)) {
      const prop = schema.properties?.[k];
      if (prop !== undefined) out.push(...conformance(doc, prop, v, `${where}.${k}`));
      else if (schema.additionalProperties === false) out.push(`${where}.${k}: not documented`);
      else if (typeof schema.additionalProperties === 'object')
        out.push(...conformance(doc, schema.additionalProperties, v, `${where}.${k}`));
    }
  }
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => out.push(...conformance(doc, schema.items, v, `${where}[${i}]`)));
  return out;
}

/** Problems of one real reply against the document's entry for `method path`: status documented, body and headers as described. */
export function replyProblems(
  doc: OpenApiDoc,
  method: string,
  path: string,
  reply: { status: number; body: unknown; headers: Headers },
): string[] {
  const op = doc.paths?.[path]?.[method.toLowerCase()];
  if (!op) return [`${method} ${path}: not documented`];
  const documented = op.responses?.[String(reply.status)];
  if (!documented)
    return [`${method} ${path}: status ${reply.status} not documented (documented: ${Object.keys(op.responses ?? {}).join(', ')})`];
  const problems: string[] = [];
  const schema = documented.content?.['application/json']?.schema;
  if (schema) problems.push(...conformance(doc, schema, reply.body).map((p) => `${reply.status} ${p}`));
  else if (reply.body !== undefined && reply.body !== '') problems.push(`${reply.status}: a body is returned but none documented`);
  for (const name of Object.keys(documented.headers ?? {}))
    if (reply.headers.get(name) === null) problems.push(`${reply.status}: documented header ${name} missing`);
  return problems;
}
