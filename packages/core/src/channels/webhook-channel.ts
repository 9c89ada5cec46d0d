import type { WebhookEvent } from '../webhook-payload.js';

/**
 * One way of delivering events to an endpoint. Every list of channels (the
 * API's `format` values, the dashboard's choices, the sender's renderers, the
 * database's check on `webhook_endpoints.format`) derives from the registry in
 * `index.ts`, so a new channel is one module there plus a migration that
 * widens the check.
 */
export interface WebhookChannel<Format extends string = string> {
  /** The value stored in `webhook_endpoints.format` and accepted by the API. */
  format: Format;
  /** How the dashboard names the choice. */
  label: string;
  /** One sentence the dashboard shows under the choice. */
  hint: string;
  /**
   * The endpoint URL carries its own credential (whoever has it can post):
   * it is sealed at rest, bound to its endpoint, and shown by its origin only.
   */
  urlIsCredential: boolean;
  contentType: string;
  /** The exact bytes sent and signed for an endpoint of this channel. */
  render(event: WebhookEvent): string;
}
