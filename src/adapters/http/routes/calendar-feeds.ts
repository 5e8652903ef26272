import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import { z } from 'zod';
import { NotFoundError, RateLimitedError } from '../../../domain/errors';
import { resolveFeedToken } from '../../../use-cases/calendars/feed-tokens';
import type { ApiDeps } from '../deps';
import { mediatorIcsWriter } from '../mediator-ics';
import { RateLimiter } from '../rate-limiter';
import { ErrorBodySchema } from '../route';

const FEED_PREFIX = '/v1/calendar-feeds/';

/** The path of a feed token's .ics URL, as handed to the mediator. */
export function feedPath(token: string): string {
  return `${FEED_PREFIX}${token}.ics`;
}

/** A request path fit for the log: a feed URL's token is a credential and is replaced by `<token>`. */
export function withoutFeedToken(path: string): string {
  return path.startsWith(FEED_PREFIX) ? `${FEED_PREFIX}<token>.ics` : path;
}

/**
 * The .ics feed behind a secret URL: no Authorization header (calendar apps send none), the token
 * in the path is the credential. An unknown token counts against the client address like a failed
 * authentication (AUTH_FAIL_LIMIT a minute), so the tokens cannot be guessed at speed; every wrong
 * token, malformed or revoked, gets the same 404.
 */
export function calendarFeedRoutes(router: Router, registry: OpenAPIRegistry, deps: ApiDeps): void {
  const writeIcs = mediatorIcsWriter(deps.stores);
  const failures = new RateLimiter({ perMinute: deps.config.AUTH_FAIL_LIMIT });
  router.get(`${FEED_PREFIX}:token.ics`, async (req, res) => {
    const address = req.socket.remoteAddress ?? 'unknown';
    const wait = failures.retryAfter(address);
    if (wait > 0) throw new RateLimitedError('too many unknown calendar feed URLs from this address', wait);
    const found = await resolveFeedToken(req.params.token, deps.stores.feedTokens);
    if (!found) {
      failures.take(address);
      throw new NotFoundError('calendar feed', 'this URL');
    }
    res.setHeader('Cache-Control', 'private, no-cache');
    await writeIcs(found.county, found.mediatorId, res);
  });
  registry.registerPath({
    method: 'get',
    path: `${FEED_PREFIX}{token}.ics`,
    tags: ['calendars'],
    summary: "A mediator's .ics feed behind its secret URL (POST /v1/calendars/mediators/{id}/feed-token); no API key",
    request: { params: z.object({ token: z.string().max(200).describe('the secret token of the URL') }) },
    responses: {
      200: { description: 'text/calendar: sessions from 30 days ago to a year ahead' },
      404: { description: 'unknown or revoked URL', content: { 'application/json': { schema: ErrorBodySchema } } },
      429: {
        description: 'too many unknown URLs from this address; `Retry-After`',
        content: { 'application/json': { schema: ErrorBodySchema } },
      },
      503: { description: 'Redis is unavailable', content: { 'application/json': { schema: ErrorBodySchema } } },
    },
  });
}
