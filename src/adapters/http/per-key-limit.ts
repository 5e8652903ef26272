import type { NextFunction, Request, Response } from 'express';
import { RateLimitedError } from '../../domain/errors';
import { callerOf } from './auth';
import type { RateLimiter } from './rate-limiter';

/** 429 with Retry-After once the calling key has used up its `limiter` tokens (e.g. intake per key). */
export function limitPerKey(limiter: RateLimiter, what: string) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const wait = limiter.take(callerOf(res).keyId);
    if (wait > 0) throw new RateLimitedError(`too many ${what} for this API key`, wait);
    next();
  };
}
