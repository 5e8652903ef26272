import { loadConfig } from '../../../src/runtime/env';
import { webhookTargetPolicyOf } from '../../../src/runtime/webhook-policy';
import { checkTargetUrl } from '../../../src/domain/webhook-target';

describe('webhook settings (WEBHOOK_ALLOW_HTTP, WEBHOOK_ALLOWED_HOSTS)', () => {
  test('when neither is set, then targets are https only and nothing private is admitted', () => {
    const policy = webhookTargetPolicyOf(loadConfig({}));
    expect(policy.allowHttp).toBe(false);
    expect(checkTargetUrl(new URL('http://93.184.216.34/'), policy).ok).toBe(false);
    expect(checkTargetUrl(new URL('https://93.184.216.34/'), policy).ok).toBe(true);
    expect(checkTargetUrl(new URL('https://10.1.2.3/'), policy).ok).toBe(false);
  });

  test('when set, then http and the listed blocks are admitted', () => {
    const policy = webhookTargetPolicyOf(
      loadConfig({ WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOWED_HOSTS: 'hooks.court.local, 10.0.0.0/8' }),
    );
    expect(checkTargetUrl(new URL('http://10.1.2.3/'), policy).ok).toBe(true);
    expect(checkTargetUrl(new URL('http://192.168.1.1/'), policy).ok).toBe(false);
  });

  test('when WEBHOOK_ALLOWED_HOSTS has a bad entry, then the configuration is refused naming the variable and the entry', () => {
    expect(() => loadConfig({ WEBHOOK_ALLOWED_HOSTS: '10.0.0.0/8, 10.0.0.0/99' })).toThrow(
      'env.WEBHOOK_ALLOWED_HOSTS: "10.0.0.0/99" is not a CIDR block',
    );
  });
});
