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
  /** Webhooks of the county, on all pages. */
  readonly total: number;
}

/** Webhook subscriptions of one county. */
export interface WebhookRegistry {
  /** Registers a webhook; deliveries start with the events after the county's first registration. */
  create(input: WebhookInput): Promise<Webhook>;
  /** At most `limit` webhooks in id order, skipping the first `offset`. */
  page(limit: number, offset: number): Promise<WebhookPage>;
  get(id: string): Promise<Webhook | null>;
  /** True when the webhook existed. */
  remove(id: string): Promise<boolean>;
}
