import { ValidationError } from '../../domain/errors';
import type { WebhookTargetPolicy } from '../../domain/webhook-target';
import { checkWebhookTarget, type HostResolver } from './webhook-target-check';
import type { WebhookRegistry } from './webhook-registry';

/**
 * A registry that refuses, with a 400 naming `body.url`, a target the sender would not deliver
 * to: so a client learns at once, instead of from deliveries that never arrive.
 */
export function checkedWebhookRegistry(registry: WebhookRegistry, policy: WebhookTargetPolicy, resolve: HostResolver): WebhookRegistry {
  return {
    create: async (input) => {
      const verdict = await checkWebhookTarget(input.url, policy, resolve);
      if (!verdict.ok) throw new ValidationError([{ field: 'body.url', reason: verdict.reason }]);
      return registry.create(input);
    },
    page: (limit, after) => registry.page(limit, after),
    get: (id) => registry.get(id),
    remove: (id) => registry.remove(id),
  };
}
