import { z } from 'zod';
import { EventTypeSchema } from './service-event';

/** A webhook subscription of one county. */
export const WebhookSchema = z.object({
  id: z.string(),
  url: z.string().url(),
  /** HMAC-SHA256 key for the X-Tiaojie-Signature header; never returned by the API. */
  secret: z.string(),
  /** Event types delivered; empty = all. */
  events: z.array(EventTypeSchema),
  createdAt: z.string(),
});
export type Webhook = z.infer<typeof WebhookSchema>;
