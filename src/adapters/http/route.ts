import { OpenAPIRegistry, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { fromZodError, type ErrorCode } from '../../domain/errors';
import type { Role } from '../../domain/access';
import { callerOf, principalOf, requireInstallationAdmin, requireRole, type Caller } from './auth';

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

/** The error body of a reply with one cause: its `code` is always `code`. */
export function errorBodyWith(code: ErrorCode): z.ZodType {
  return z.object({
    error: z.object({
      code: z.literal(code),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  });
}

/** A documented reply of a route besides its success status and the generic errors. */
export interface ResponseDoc {
  readonly description: string;
  /** Body schema. @defaultValue the error body for 4xx/5xx, none below */
  readonly body?: z.ZodType;
  /** Response headers: name → description (string values). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a handler gets: the validated parts of the request and the caller. */
export interface RouteContext<B, Q, P> {
  readonly req: Request;
  readonly res: Response;
  readonly caller: Caller;
  readonly body: B;
  readonly query: Q;
  readonly params: P;
}

export interface RouteSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express syntax (`/v1/cases/:id`). */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  /** Roles allowed besides admin. */
  readonly roles: readonly Role[];
  /**
   * Also admits an installation admin (county "*"), whose `caller.county` is then "*": for routes
   * that may span counties (user accounts). @defaultValue false
   */
  readonly installation?: boolean;
  /**
   * Only an installation admin (county "*") may call it (403 for every county key, a county admin's
   * too): for what spans the installation, such as provisioning counties. @defaultValue false
   */
  readonly installationOnly?: boolean;
  readonly body?: B;
  /** Replaces `body.parse` (e.g. one-or-many bodies, to name the failing item's field well). */
  readonly parseBody?: (raw: unknown) => z.infer<B>;
  readonly query?: Q;
  readonly params?: P;
  /** Status of a successful reply. @defaultValue 200 */
  readonly status?: number;
  readonly response?: z.ZodType;
  readonly responseDescription?: string;
  /**
   * Other replies, by status: a second success (e.g. 202 written by the handler itself) or an
   * error with a specific cause; each replaces the generic description of its status.
   */
  readonly responses?: Readonly<Record<number, ResponseDoc>>;
  /** Returns the body to send with `status`, or undefined when it replied itself (SSE). */
  readonly handler: (ctx: RouteContext<z.infer<B>, z.infer<Q>, z.infer<P>>) => Promise<unknown>;
}

export function parsePart<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string): z.infer<S> {
  if (!schema) return undefined as z.infer<S>;
  const r = schema.safeParse(value);
  if (!r.success) throw fromZodError(r.error, where);
  return r.data;
}

function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, '{$1}');
}

const ERROR_STATUSES: Record<number, string> = {
  400: 'Invalid request: `details.field` names the first bad field',
  401: 'Missing or unknown API key, or no live session cookie',
  403: 'The key’s or user’s role may not do this (`forbidden`), or a write with the session cookie lacks its `X-CSRF-Token` (`csrf_failed`)',
  404: 'Not found (or belongs to another county)',
  409: 'Conflict with the current state',
  413: 'Body larger than the configured limit',
  429: 'Too many failed authentications from this address or key prefix (intake: too many requests of this key); `Retry-After` says how many seconds to wait',
  503: 'Redis is unavailable (`redis_unavailable`); nothing was acknowledged: retry after `Retry-After` seconds',
};

function responseObject(status: number, doc: ResponseDoc): RouteConfig['responses'][string] {
  const body = doc.body ?? (status >= 400 ? ErrorBodySchema : undefined);
  return {
    description: doc.description,
    ...(doc.headers
      ? {
          headers: Object.fromEntries(
            Object.entries(doc.headers).map(([name, description]) => [name, { description, schema: { type: 'string' as const } }]),
          ),
        }
      : {}),
    ...(body ? { content: { 'application/json': { schema: body } } } : {}),
  };
}

/**
 * Declares one route: the Express handler (auth, role, zod validation of params/query/body) and
 * its OpenAPI description, from the same schemas — so the document cannot drift from the code.
 */
export function defineRoute<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(
  router: Router,
  registry: OpenAPIRegistry,
  spec: RouteSpec<B, Q, P>,
  extraErrors: readonly number[] = [],
): void {
  const handler: RequestHandler = async (req, res) => {
    const params = parsePart(spec.params, req.params, 'params');
    const query = parsePart(spec.query, req.query, 'query');
    const body = spec.parseBody ? spec.parseBody(req.body) : parsePart(spec.body, req.body, 'body');
    const caller = spec.installation || spec.installationOnly ? principalOf(res) : callerOf(res);
    const reply = await spec.handler({ req, res, caller, body, query, params });
    if (reply !== undefined && !res.headersSent) res.status(spec.status ?? 200).json(reply);
  };
  const guard = spec.installationOnly ? requireInstallationAdmin() : requireRole(spec.roles, spec.installation ?? false);
  router[spec.method](spec.path, guard, handler);

  const errors = [
    401,
    403,
    429,
    ...(spec.body || spec.query || spec.params ? [400] : []),
    ...(spec.body ? [413] : []),
    503,
    ...extraErrors,
  ];
  const config: RouteConfig = {
    method: spec.method,
    path: openApiPath(spec.path),
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: [spec.tag],
    security: [{ bearer: [] }, { session: [] }],
    request: {
      ...(spec.params ? { params: spec.params as never } : {}),
      ...(spec.query ? { query: spec.query as never } : {}),
      ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } }, required: true } } : {}),
    },
    responses: {
      [spec.status ?? 200]: {
        description: spec.responseDescription ?? 'OK',
        ...(spec.response ? { content: { 'application/json': { schema: spec.response } } } : {}),
      },
      ...Object.fromEntries(
        [...new Set(errors)].map((s) => [
          s,
          { description: ERROR_STATUSES[s] ?? 'Error', content: { 'application/json': { schema: ErrorBodySchema } } },
        ]),
      ),
      ...Object.fromEntries(Object.entries(spec.responses ?? {}).map(([s, doc]) => [s, responseObject(Number(s), doc)])),
    },
  };
  registry.registerPath(config);
}
