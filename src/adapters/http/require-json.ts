import type { NextFunction, Request, Response } from 'express';
import { UnsupportedMediaTypeError } from '../../domain/errors';

const BODY_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);

/** True when the request carries a body: a non-zero Content-Length or a chunked transfer. */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

/**
 * 415 `unsupported_media_type` for a POST, PUT or PATCH whose body is not declared JSON. Without it
 * express.json skips such a body and the route sees `{}`, answering with a puzzling 400 about
 * missing fields instead of naming the header the client forgot. Bodiless requests pass: many
 * actions (`POST …/feed-token`, `POST /v1/dispatch`) need no body.
 */
export function requireJsonBody() {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!BODY_METHODS.has(req.method) || !hasBody(req) || req.is('application/json') !== false) return next();
    // A route that reads another type registered its own parser first (the roster import's CSV).
    if (typeof req.body === 'string') return next();
    next(new UnsupportedMediaTypeError(req.headers['content-type']));
  };
}
