import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildStatusPageEvent, renderStatusPageBody, statusPageEventSchema } from './status-page-payload.js';
import { isSubscriberToken, subscriberToken } from './subscriber-token.js';

const facts = {
  slug: 'acme',
  title: 'Acme status',
  monitorName: 'Docs',
  incident: { id: randomUUID(), kind: 'down', startedAt: new Date('2026-12-06T08:00:00Z'), endedAt: null },
};
const links = {
  publicUrl: 'https://status.example.com',
  subscriberId: randomUUID(),
  unsubscribeToken: 'u',
  confirmToken: 'c',
};
const stored = (type: string, payload: unknown = {}) =>
  ({ id: randomUUID(), type, occurredAt: new Date('2026-12-06T08:01:00Z'), payload }) as Parameters<
    typeof buildStatusPageEvent
  >[0];

describe('the status page payload', () => {
  it('carries the page, the name the page shows and the subscriber’s links, and nothing of the owner’s payload', () => {
    const event = stored('monitor.down', {
      monitor: { id: randomUUID(), name: 'Internal', url: 'https://10.0.0.5/mcp' },
      error: { code: 'timeout', message: 'secret detail' },
      regions: ['eu-west'],
    });
    const body = renderStatusPageBody(buildStatusPageEvent(event, facts, links.publicUrl), links);
    const parsed = statusPageEventSchema.parse(JSON.parse(body));
    expect(parsed).toMatchObject({
      type: 'status_page.incident.opened',
      page: { slug: 'acme', url: 'https://status.example.com/status/acme' },
      monitor: { name: 'Docs' },
      unsubscribe: {
        url: `https://status.example.com/api/v1/public/status-pages/acme/subscribers/${links.subscriberId}`,
        token: 'u',
      },
    });
    expect(body).not.toMatch(/10\.0\.0\.5|secret detail|eu-west|Internal/);
    expect(body).not.toContain('"confirm"');
  });

  it('gives the confirmation its confirm link', () => {
    // Without MCPULSE_PUBLIC_URL the links are paths.
    const body = renderStatusPageBody(buildStatusPageEvent(stored('webhook.test'), facts, ''), {
      ...links,
      publicUrl: '',
    });
    expect(JSON.parse(body)).toMatchObject({
      type: 'subscription.confirm',
      confirm: {
        url: `/api/v1/public/status-pages/acme/subscribers/${links.subscriberId}/confirm`,
        token: 'c',
      },
    });
  });

  it('cuts overlong owner text rather than failing, and refuses what pages never show', () => {
    const long = stored('maintenance.started', {
      maintenance: {
        title: 'x'.repeat(5_000),
        startsAt: '2026-12-06T08:00:00.000Z',
        endsAt: '2026-12-06T09:00:00.000Z',
      },
    });
    const built = buildStatusPageEvent(long, { ...facts, monitorName: null }, '');
    expect('maintenance' in built && built.maintenance.title).toHaveLength(200);
    expect(() => buildStatusPageEvent(stored('schema.drift'), facts, '')).toThrow();
  });
});

describe('subscriber tokens', () => {
  it('are bound to the key, the purpose and the subscriber', () => {
    const key = randomBytes(32);
    const id = randomUUID();
    const token = subscriberToken(key, 'confirm', id);
    expect(isSubscriberToken(key, 'confirm', id, token)).toBe(true);
    expect(isSubscriberToken(key, 'unsubscribe', id, token)).toBe(false);
    expect(isSubscriberToken(key, 'confirm', randomUUID(), token)).toBe(false);
    expect(isSubscriberToken(randomBytes(32), 'confirm', id, token)).toBe(false);
    expect(isSubscriberToken(key, 'confirm', id, `${token}x`)).toBe(false);
  });
});
