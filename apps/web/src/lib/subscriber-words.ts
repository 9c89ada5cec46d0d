import type { StatusPageSubscriber } from '@mcpulse/contract';
import { formatCount } from './format.js';
import { DISABLED_WORDS } from './webhook-words.js';

type Standing = Pick<StatusPageSubscriber, 'status' | 'enabled' | 'disabledReason'>;

export interface SubscriberWords {
  /** "Pending" or "Confirmed": where the double opt-in stands. */
  status: string;
  badge: 'badge-warn' | 'badge-good';
  /** Why nothing is sent to it, when the sender stopped; null while it is enabled. */
  disabled: string | null;
}

/** What the owner reads of one subscriber of a page (docs/status-pages.md, "Subscribers"). */
export function subscriberWords({ status, enabled, disabledReason }: Standing): SubscriberWords {
  const disabled = enabled
    ? null
    : `Disabled: ${disabledReason ? (DISABLED_WORDS[disabledReason] ?? disabledReason) : 'the sender stopped'}. It receives nothing, and is dropped soon.`;
  return status === 'confirmed'
    ? { status: 'Confirmed', badge: 'badge-good', disabled }
    : { status: 'Pending', badge: 'badge-warn', disabled };
}

/** "3 subscribers: 1 confirmed, 2 pending"; disabled ones are counted apart, as they receive nothing. */
export function subscriberTally(subscribers: readonly Standing[]): string {
  const count = (match: (subscriber: Standing) => boolean) => subscribers.filter(match).length;
  const parts = [
    [count((s) => s.enabled && s.status === 'confirmed'), 'confirmed'],
    [count((s) => s.enabled && s.status === 'pending'), 'pending'],
    [count((s) => !s.enabled), 'disabled'],
  ] as const;
  const shown = parts.filter(([n]) => n > 0).map(([n, word]) => `${formatCount(n)} ${word}`);
  const total = `${formatCount(subscribers.length)} subscriber${subscribers.length === 1 ? '' : 's'}`;
  return shown.length > 0 ? `${total}: ${shown.join(', ')}` : total;
}

/** The origin the API shows (`https://hooks.example.com/••••••`) without the dots, for a spoken label. */
export function shownOrigin(url: string): string {
  return url.replace(/\/•+$/u, '');
}
