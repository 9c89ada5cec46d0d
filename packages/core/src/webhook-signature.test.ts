import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook, webhookHeaders } from './webhook-signature.js';

const body = JSON.stringify({ id: 'e1', type: 'webhook.test', data: { message: 'héllo' } });

describe('Standard Webhooks signing', () => {
  it('matches the published test vector of the spec', () => {
    const signature = signWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    );
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('produces headers the standardwebhooks library verifies, and only with the right secret', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const headers = webhookHeaders({ messageId: 'msg_1', timestamp: new Date(), body, secrets: [secret] });
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(body, { ...headers })).toThrow();
    expect(() => new Webhook(secret).verify(`${body} `, { ...headers })).toThrow();
  });

  it('signs with both secrets during a rotation, so either one verifies', () => {
    const previous = newWebhookSecret();
    const current = newWebhookSecret();
    const headers = webhookHeaders({
      messageId: 'msg_2',
      timestamp: new Date(),
      body,
      secrets: [current, previous],
    });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(previous).verify(body, { ...headers })).toBeTruthy();
    expect(new Webhook(current).verify(body, { ...headers })).toBeTruthy();
  });

  it('puts the timestamp in whole seconds and refuses to sign without a secret', () => {
    const headers = webhookHeaders({
      messageId: 'msg_3',
      timestamp: new Date(1_700_000_000_999),
      body,
      secrets: [newWebhookSecret()],
    });
    expect(headers['webhook-timestamp']).toBe('1700000000');
    expect(() => webhookHeaders({ messageId: 'm', timestamp: new Date(), body, secrets: [] })).toThrow();
    expect(() => signWebhook('not-a-secret', 'm', 1, body)).toThrow(/whsec_/);
  });
});
