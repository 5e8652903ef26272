import type { NextFunction, Request, Response } from 'express';
import { AppError, NotFoundError, PayloadTooLargeError, ValidationError } from '../../domain/errors';
import type { Logger } from 'pino';

/** The request id pino-http assigned (also sent back as X-Request-Id). */
export function requestId(req: Request): string | undefined {
  const id = (req as { id?: unknown }).id;
  return id === undefined ? undefined : String(id);
}

/** The error body every failing route returns. */
export function errorBody(err: AppError): { error: { code: string; message: string; details?: unknown } } {
  return { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } };
}

/** body-parser's own errors (limit, malformed JSON) as AppErrors. */
function fromBodyParser(err: { type?: string; limit?: number; message?: string }, limit: string): AppError | undefined {
  if (err.type === 'entity.too.large') return new PayloadTooLargeError(limit);
  if (err.type === 'entity.parse.failed') return new ValidationError([{ field: 'body', reason: 'malformed JSON' }]);
  if (err.type === 'charset.unsupported' || err.type === 'encoding.unsupported') {
    return new ValidationError([{ field: 'body', reason: err.message ?? 'unsupported encoding' }]);
  }
  return undefined;
}

/** Renders `{ error: { code, message, details } }`; unknown errors are 500s, logged, never shown. */
export function errorHandler(log: Logger, bodyLimit: string) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const known = err instanceof AppError ? err : fromBodyParser((err ?? {}) as { type?: string }, bodyLimit);
    if (known) {
      if (known.httpStatus >= 500) log.error({ err: known, reqId: requestId(req) }, known.message);
      res.status(known.httpStatus).json(errorBody(known));
      return;
    }
    log.error({ err, reqId: requestId(req) }, 'unhandled error');
    if (res.headersSent) return void res.end();
    res.status(500).json({ error: { code: 'internal', message: 'internal error; see the service log', details: { requestId: requestId(req) } } });
  };
}

export function notFoundHandler(req: Request): never {
  throw new NotFoundError('route', `${req.method} ${req.path}`);
}
