import type { NextFunction, Request, Response } from 'express';
import { AppError, NotFoundError, PayloadTooLargeError, ValidationError, type ErrorCode } from '../../domain/errors';
import type { Logger } from 'pino';
import { statusOf } from './error-status';

/** The request id pino-http assigned (also sent back as X-Request-Id). */
export function requestId(req: Request): string | undefined {
  const id = (req as { id?: unknown }).id;
  if (id === undefined) return undefined;
  // app.ts's genReqId makes a string; pino-http's type also allows a number (same text) or an object.
  return typeof id === 'string' ? id : JSON.stringify(id);
}

/** The error body every failing route returns. */
export function errorBody(err: AppError): { error: { code: ErrorCode; message: string; details?: unknown } } {
  return { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } };
}

/** Answers with an AppError: its status (error-status.ts), `Retry-After` when it has one, the error body. */
export function sendError(res: Response, err: AppError): void {
  if (err.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(err.retryAfterSeconds));
  res.status(statusOf(err.code)).json(errorBody(err));
}

/**
 * Recognises a fault of a dependency (a Redis client's connection error) as an AppError; undefined
 * for anything else. The runtime, which knows the clients, supplies it: this adapter names none.
 */
export type FaultTranslator = (err: unknown) => AppError | undefined;

/** body-parser's own errors (limit, malformed JSON) as AppErrors. */
function fromBodyParser(err: { type?: string; limit?: number; message?: string }, limit: string): AppError | undefined {
  if (err.type === 'entity.too.large') return new PayloadTooLargeError(limit);
  if (err.type === 'entity.parse.failed') return new ValidationError([{ field: 'body', reason: 'malformed JSON' }]);
  if (err.type === 'charset.unsupported' || err.type === 'encoding.unsupported') {
    return new ValidationError([{ field: 'body', reason: err.message ?? 'unsupported encoding' }]);
  }
  return undefined;
}

/** What a client sees of an error that is not an AppError: no message, no stack; the request id finds it in the log. */
function internalBody(req: Request): { error: { code: 'internal'; message: string; details: { requestId: string | undefined } } } {
  return { error: { code: 'internal', message: 'internal error; see the service log', details: { requestId: requestId(req) } } };
}

/**
 * Renders `{ error: { code, message, details } }` with the status the code maps to (error-status.ts);
 * unknown errors are 500s, logged with the request id, never shown. Every 5xx is logged.
 */
export function errorHandler(log: Logger, bodyLimit: string, infrastructureFault: FaultTranslator = () => undefined) {
  // Express tells an error handler by its four parameters, so `_next` stays though it is never called.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- Express needs the arity of 4
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const known = err instanceof AppError ? err : (fromBodyParser(err ?? {}, bodyLimit) ?? infrastructureFault(err));
    const status = known ? statusOf(known.code) : 500;
    if (status >= 500) log.error({ err: known ?? err, reqId: requestId(req) }, known ? known.message : 'unhandled error');
    // A streamed reply (SSE, ICS) that fails midway can only be cut off.
    if (res.headersSent) return void res.end();
    if (known) sendError(res, known);
    else res.status(500).json(internalBody(req));
  };
}

export function notFoundHandler(req: Request): never {
  throw new NotFoundError('route', `${req.method} ${req.path}`);
}
