import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from './verify-webhook.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** Headers as the reference library signs them; several secrets sign space-separated, as during a rotation. */
function signed(id: string, body: string, secrets: string[], at = new Date()) {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(id, at, body)).join(' '),
  };
}

async function post(url: string, body: string, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
  return { status: response.status, body: await response.text() };
}

describe('verifyWebhook', () => {
  // The spec's published vector; core's signWebhook test checks its output against the same one.
  const vector = {
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    headers: {
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    },
    body: '{"test": 2432232314}',
  };
  const vectorNow = 1614265330 * 1000;

  it('accepts the Standard Webhooks test vector, and nothing changed from it', () => {
    expect(verifyWebhook(vector.secret, vector, vectorNow)).toBe(true);
    expect(verifyWebhook(vector.secret, { ...vector, body: '{"test": 2432232315}' }, vectorNow)).toBe(false);
    expect(verifyWebhook(newSecret(), vector, vectorNow)).toBe(false);
    const otherId = { ...vector.headers, 'webhook-id': 'msg_other' };
    expect(verifyWebhook(vector.secret, { ...vector, headers: otherId }, vectorNow)).toBe(false);
    const later = { ...vector.headers, 'webhook-timestamp': '1614265331' };
    expect(verifyWebhook(vector.secret, { ...vector, headers: later }, vectorNow)).toBe(false);
  });

  it('agrees with the standardwebhooks library on signatures, rotations and stale timestamps', () => {
    const [previous, current] = [newSecret(), newSecret()];
    const body = JSON.stringify({ type: 'monitor.down', data: { message: 'héllo' } });
    const headers = signed('msg_1', body, [current, previous]);
    for (const secret of [previous, current]) {
      expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
      expect(verifyWebhook(secret, { headers, body })).toBe(true);
    }
    const stranger = newSecret();
    expect(() => new Webhook(stranger).verify(body, headers)).toThrow();
    expect(verifyWebhook(stranger, { headers, body })).toBe(false);

    const stale = signed('msg_2', body, [current], new Date(Date.now() - 6 * 60_000));
    expect(() => new Webhook(current).verify(body, stale)).toThrow(/too old/);
    expect(verifyWebhook(current, { headers: stale, body })).toBe(false);
    const early = signed('msg_3', body, [current], new Date(Date.now() + 6 * 60_000));
    expect(() => new Webhook(current).verify(body, early)).toThrow(/too new/);
    expect(verifyWebhook(current, { headers: early, body })).toBe(false);
    const { 'webhook-signature': _, ...unsigned } = headers;
    expect(verifyWebhook(current, { headers: unsigned, body })).toBe(false);
  });

  it('refuses a secret without the whsec_ prefix: a test that passes one is wrong', () => {
    expect(() => verifyWebhook('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', vector, vectorNow)).toThrow(/whsec_/);
  });
});

describe('startWebhookReceiver', () => {
  let receiver: WebhookReceiver | undefined;
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });

  it('records each request with the secrets that verify it, in the order the receiver holds them', async () => {
    const [previous, current] = [newSecret(), newSecret()];
    receiver = await startWebhookReceiver({ secrets: [previous] });
    receiver.secrets.push(current);
    const body = JSON.stringify({ id: 'evt_1', type: 'monitor.up', data: { monitor: { id: 'm1' } } });
    const before = Date.now();
    expect(await post(receiver.url, body, signed('msg_1', body, [current, previous]))).toEqual({
      status: 204,
      body: '',
    });
    await post(receiver.url, body, signed('msg_2', body, [current]));
    await post(receiver.url, 'not json', signed('msg_3', 'not json', [newSecret()]));

    const [both, one, none] = await receiver.waitFor(3);
    expect(both).toMatchObject({
      path: '/hooks',
      body,
      event: { id: 'evt_1', type: 'monitor.up' },
      verifiedWith: [previous, current],
    });
    expect(both!.headers['webhook-id']).toBe('msg_1');
    expect(both!.receivedAt).toBeGreaterThanOrEqual(before);
    expect(one!.verifiedWith).toEqual([current]);
    expect(none).toMatchObject({ event: null, verifiedWith: [] });
    expect(receiver.refused).toEqual([]);
  });

  it('answers from its queue in order, then with its default answer', async () => {
    receiver = await startWebhookReceiver({ answer: { status: 200, body: 'ok' } });
    receiver.answers.push(410, { status: 500, body: 'receiver broke' });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await post(receiver.url, '{}', {}));
    expect(answers).toEqual([
      { status: 410, body: '' },
      { status: 500, body: 'receiver broke' },
      { status: 200, body: 'ok' },
    ]);
    expect(receiver.received).toHaveLength(3);
  });

  it('refuses an unverified request with 401 and keeps it apart, when asked to', async () => {
    const secret = newSecret();
    receiver = await startWebhookReceiver({ refuseUnverified: true });
    const body = JSON.stringify({ type: 'monitor.down' });
    // Before the endpoint's secret is known nothing verifies.
    expect((await post(receiver.url, body, signed('msg_1', body, [secret]))).status).toBe(401);
    receiver.secrets.push(secret);
    expect((await post(receiver.url, body, signed('msg_2', body, [secret]))).status).toBe(204);
    expect(receiver.refused.map((webhook) => webhook.headers['webhook-id'])).toEqual(['msg_1']);
    expect(receiver.received.map((webhook) => webhook.headers['webhook-id'])).toEqual(['msg_2']);
  });

  it('waits for a request a predicate accepts, whether it came before the call or after', async () => {
    const target = await startWebhookReceiver();
    receiver = target;
    await post(target.url, JSON.stringify({ type: 'monitor.down' }), {});
    const down = await target.waitForMatch((webhook) => webhook.event?.type === 'monitor.down');
    expect(down.event).toEqual({ type: 'monitor.down' });

    const up = target.waitForMatch((webhook) => webhook.event?.type === 'monitor.up');
    await post(target.url, JSON.stringify({ type: 'monitor.degraded' }), {});
    await post(target.url, JSON.stringify({ type: 'monitor.up' }), {});
    expect((await up).event).toEqual({ type: 'monitor.up' });
  });

  it('gives up after the timeout, saying what it got', async () => {
    receiver = await startWebhookReceiver();
    await post(receiver.url, '{}', {});
    await expect(receiver.waitFor(2, 100)).rejects.toThrow(
      'expected 2 webhooks within 100 ms, got 1 received',
    );
    await expect(receiver.waitForMatch(() => false, 100)).rejects.toThrow(/no webhook matched within 100 ms/);
  });

  it('closes with a request held open and fails whoever still waits', async () => {
    const target = await startWebhookReceiver();
    const waiting = target.waitFor(1);
    const pending = fetch(target.url, {
      method: 'POST',
      body: new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('{')) }),
      duplex: 'half',
    } as RequestInit);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await target.close();
    await expect(waiting).rejects.toThrow('the webhook receiver closed');
    await expect(pending).rejects.toThrow();
    await expect(post(target.url, '{}', {})).rejects.toThrow();
  });
});
