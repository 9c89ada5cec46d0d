import { describe, expect, it } from 'vitest';
import { endpointVerdict, isWebhookSuccess } from './webhook-endpoint-health.js';

const now = new Date('2026-11-26T10:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

describe('endpoint health after an attempt', () => {
  it('counts every 2xx as success and clears the failing run', () => {
    expect([200, 201, 204, 299].every(isWebhookSuccess)).toBe(true);
    expect([199, 300, 301, 410, 500, null].some(isWebhookSuccess)).toBe(false);
    expect(endpointVerdict(204, hoursAgo(5), now)).toEqual({
      succeeded: true,
      failingSince: null,
      disable: null,
    });
  });

  it('starts a failing run at the first failure and keeps its start', () => {
    expect(endpointVerdict(500, null, now)).toEqual({ succeeded: false, failingSince: now, disable: null });
    expect(endpointVerdict(null, hoursAgo(3), now).failingSince).toEqual(hoursAgo(3));
  });

  it('disables on 410 Gone at once, and after 24 h of failures otherwise', () => {
    expect(endpointVerdict(410, null, now).disable).toBe('gone');
    expect(endpointVerdict(503, hoursAgo(23.9), now).disable).toBeNull();
    expect(endpointVerdict(503, hoursAgo(24), now).disable).toBe('failing');
    expect(endpointVerdict(null, hoursAgo(30), now).disable).toBe('failing');
  });
});
