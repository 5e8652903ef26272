import type { EventType } from '../../domain/service-event';
import type { Webhook } from '../../domain/webhook';

/** What registering a webhook takes. */
export interface WebhookInput {
  readonly url: string;
  readonly secret: string;
  /** Event types delivered; empty = all. */
  readonly events: readonly EventType[];
}

/** One page of a county's webhooks, in id order. */
export interface WebhookPage {
  readonly webhooks: readonly Webhook[];
  /** Pass as `after` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** Webhook subscriptions of one county. */
export interface WebhookRegistry {
  /** Registers a webhook; deliveries start with the events after the county's first registration. */
  create(input: WebhookInput): Promise<Webhook>;
  /** At most `limit` webhooks with ids after `after` (from the start when omitted). */
  page(limit: number, after?: string): Promise<WebhookPage>;
  get(id: string): Promise<Webhook | null>;
  /** True when the webhook existed. */
  remove(id: string): Promise<boolean>;
}
