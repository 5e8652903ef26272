import { z } from 'zod';
import { NotFoundError } from '../../../domain/errors';
import { EventTypeSchema } from '../../../domain/service-event';
import type { Webhook } from '../../../domain/webhook';
import { omit } from '../../../domain/omit';
import { nextOffset, PageInfo, PageQuery } from '../paging';
import { defineRoute } from '../route';
import type { RouteTarget } from '../deps';

export const WebhookCreateSchema = z
  .strictObject({
    /**
     * `https` (plain `http` only where WEBHOOK_ALLOW_HTTP is set); every address the host resolves
     * to must be public, unless WEBHOOK_ALLOWED_HOSTS admits it.
     */
    url: z
      .string()
      .max(2048)
      .url()
      .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL'),
    secret: z.string().min(16, 'use a secret of at least 16 characters').max(256),
    /** Event types to deliver; omitted or empty = all. */
    events: z.array(EventTypeSchema).default([]),
  })
  .meta({ id: 'WebhookCreate' });

export const WebhookViewSchema = z
  .object({ id: z.string(), url: z.string(), events: z.array(EventTypeSchema), createdAt: z.string() })
  .meta({ id: 'Webhook' });

const view = (w: Webhook) => omit(w, 'secret');

export function webhookRoutes({ router, registry, deps }: RouteTarget): void {
  const repo = (county: string) => deps.stores.webhooks(county);

  defineRoute(router, registry, {
    method: 'post',
    path: '/v1/webhooks',
    tag: 'webhooks',
    summary: 'Subscribe a URL to the county’s events',
    description:
      'Each event is POSTed as JSON with headers X-Tiaojie-Event, X-Tiaojie-Event-Id, X-Tiaojie-Timestamp and ' +
      'X-Tiaojie-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body)). Non-2xx replies are retried with ' +
      'exponential backoff (10 attempts); redirects are not followed (a 3xx is a failed delivery). Delivery is at least ' +
      'once: deduplicate by event id. The target must be https (http only where the service sets WEBHOOK_ALLOW_HTTP) and ' +
      'every address its host resolves to must be public — not private, loopback, link-local, multicast, unspecified or ' +
      'reserved — unless the service lists it in WEBHOOK_ALLOWED_HOSTS; otherwise 400 naming body.url with the reason. ' +
      'Each delivery checks again the addresses it connects to; a refused delivery fails without retries.',
    roles: [],
    body: WebhookCreateSchema,
    status: 201,
    response: WebhookViewSchema,
    handler: async ({ caller, body }) => view(await repo(caller.county).create(body)),
  });

  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/webhooks',
    tag: 'webhooks',
    summary: 'List webhooks (without secrets), a page at a time in id order',
    description: 'Pass the reply’s `nextOffset` as `offset` for the next page; it is null on the last page.',
    roles: [],
    query: PageQuery,
    response: z.object({ webhooks: z.array(WebhookViewSchema), ...PageInfo }),
    handler: async ({ caller, query }) => {
      const page = await repo(caller.county).page(query.limit, query.offset);
      return { webhooks: page.webhooks.map(view), total: page.total, nextOffset: nextOffset(query, page.webhooks.length, page.total) };
    },
  });

  defineRoute(
    router,
    registry,
    {
      method: 'delete',
      path: '/v1/webhooks/:id',
      tag: 'webhooks',
      summary: 'Remove a webhook',
      roles: [],
      params: z.object({ id: z.string().min(1) }),
      status: 200,
      response: z.object({ deleted: z.literal(true) }),
      handler: async ({ caller, params }) => {
        if (!(await repo(caller.county).remove(params.id))) throw new NotFoundError('webhook', params.id);
        return { deleted: true as const };
      },
    },
    [404],
  );
}
