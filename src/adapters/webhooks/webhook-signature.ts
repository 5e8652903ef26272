import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The webhook signature: `sha256=` + hex HMAC-SHA256 of `${timestamp}.${body}` with the webhook's
 * secret. The timestamp (unix seconds, header X-Tiaojie-Timestamp) is signed so a receiver can
 * refuse replays of old deliveries.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** Receiver side: constant-time check of a signature header. */
export function verifyWebhook(secret: string, timestamp: number, body: string, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
