import type { WebhookDisabledReason } from './domain/event-values.js';

/** An endpoint that fails every attempt for this long is disabled. */
export const WEBHOOK_DISABLE_AFTER_FAILING_MS = 24 * 3_600_000;

/** The reasons the sender itself disables an endpoint for; `manual` is the owner's. */
type AutomaticDisableReason = Exclude<WebhookDisabledReason, 'manual'>;

export interface EndpointVerdict {
  succeeded: boolean;
  /** The start of the current run of failures; null after a success. */
  failingSince: Date | null;
  /** Set when this attempt must disable the endpoint. */
  disable: AutomaticDisableReason | null;
}

export function isWebhookSuccess(statusCode: number | null): boolean {
  return statusCode !== null && statusCode >= 200 && statusCode < 300;
}

/**
 * What one attempt's answer means for its endpoint. Any 2xx is success; 410
 * Gone says the receiver is retired on purpose; anything else (another status,
 * a timeout, a refused connection) counts towards the 24 h of failures.
 */
export function endpointVerdict(
  statusCode: number | null,
  failingSince: Date | null,
  now: Date,
): EndpointVerdict {
  if (isWebhookSuccess(statusCode)) return { succeeded: true, failingSince: null, disable: null };
  const since = failingSince ?? now;
  if (statusCode === 410) return { succeeded: false, failingSince: since, disable: 'gone' };
  const failingTooLong = now.getTime() - since.getTime() >= WEBHOOK_DISABLE_AFTER_FAILING_MS;
  return { succeeded: false, failingSince: since, disable: failingTooLong ? 'failing' : null };
}
