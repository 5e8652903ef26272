import type { EventType } from '../../domain/service-event';
import type { Webhook } from '../../domain/webhook';

/** What registering a webhook takes. */
export interface WebhookInput {
  readonly url: string;
  readonly secret: string;
  /** Event types delivered; empty = all. */
  readonly events: readonly EventType[];
}

/** Webhook subscriptions of one county. */
export interface WebhookRegistry {
  /** Registers a webhook; deliveries start with the events after the county's first registration. */
  create(input: WebhookInput): Promise<Webhook>;
  list(): Promise<Webhook[]>;
  get(id: string): Promise<Webhook | null>;
  /** True when the webhook existed. */
  remove(id: string): Promise<boolean>;
}
