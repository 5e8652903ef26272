import { EMPTY_ALLOW_LIST, parseAllowList } from '../domain/network-address';
import type { WebhookTargetPolicy } from '../domain/webhook-target';
import type { Config } from './env';

/** The webhook target policy from the parsed environment (WEBHOOK_ALLOWED_HOSTS was validated there). */
export function webhookTargetPolicyOf(config: Pick<Config, 'WEBHOOK_ALLOW_HTTP' | 'WEBHOOK_ALLOWED_HOSTS'>): WebhookTargetPolicy {
  const parsed = parseAllowList(config.WEBHOOK_ALLOWED_HOSTS);
  return { allowHttp: config.WEBHOOK_ALLOW_HTTP, allowList: 'list' in parsed ? parsed.list : EMPTY_ALLOW_LIST };
}
