import { describe, expect, it } from 'vitest';
import { shownOrigin, subscriberTally, subscriberWords } from '../../src/lib/subscriber-words.js';

const pending = { status: 'pending', enabled: true, disabledReason: null } as const;
const confirmed = { status: 'confirmed', enabled: true, disabledReason: null } as const;
const gone = { status: 'confirmed', enabled: false, disabledReason: 'gone' } as const;

describe('a status page subscriber in the owner’s words', () => {
  it('says where the double opt-in stands, with a badge of its own for each', () => {
    expect(subscriberWords(pending)).toEqual({ status: 'Pending', badge: 'badge-warn', disabled: null });
    expect(subscriberWords(confirmed)).toEqual({ status: 'Confirmed', badge: 'badge-good', disabled: null });
  });

  it('says why a disabled one receives nothing, keeping its opt-in status', () => {
    const words = subscriberWords(gone);
    expect(words.status).toBe('Confirmed');
    expect(words.disabled).toMatch(/^Disabled: the receiver answered 410 Gone.*receives nothing/);
    expect(subscriberWords({ ...pending, enabled: false, disabledReason: 'failing' }).disabled).toContain(
      'every attempt failed for 24 hours',
    );
    // A disabled one without a reason still says it is disabled.
    expect(subscriberWords({ ...pending, enabled: false }).disabled).toMatch(/^Disabled: /);
  });

  it('tallies the list, counting the disabled apart from the confirmed and pending', () => {
    expect(subscriberTally([pending])).toBe('1 subscriber: 1 pending');
    expect(subscriberTally([confirmed, pending, pending, gone])).toBe(
      '4 subscribers: 1 confirmed, 2 pending, 1 disabled',
    );
    expect(subscriberTally(Array.from({ length: 1200 }, () => confirmed))).toBe(
      '1,200 subscribers: 1,200 confirmed',
    );
    expect(subscriberTally([])).toBe('0 subscribers');
  });

  it('speaks the origin without the dots that stand for the sealed rest of the URL', () => {
    expect(shownOrigin('https://hooks.example.com/••••••')).toBe('https://hooks.example.com');
    expect(shownOrigin('https://hooks.example.com:8443/••••••')).toBe('https://hooks.example.com:8443');
    expect(shownOrigin('https://hooks.example.com')).toBe('https://hooks.example.com');
  });
});
