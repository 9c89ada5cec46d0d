import type http from 'node:http';
import type https from 'node:https';
import {
  buildStatusPageEvent,
  buildWebhookEvent,
  renderStatusPageBody,
  type StatusPageMessage,
  subscriberToken,
  unsealWebhookSecret,
  unsealWebhookUrl,
  WEBHOOK_RETRY_POLICY,
  webhookHeaders,
} from '@mcpulse/core';
import { renderWebhookBody } from '@mcpulse/core/domain';
import { postGuarded } from '@mcpulse/probe';
import type { BoundedMemo } from './bounded-memo.js';
import type { ClaimedDelivery } from './claim-attempt.js';

/** The attempt log keeps this much of each answer. */
export const RESPONSE_EXCERPT_BYTES = 2048;

export interface SendSettings {
  secretKey: Buffer;
  /** Keep-alive connections shared by every attempt of this sender (receivers often share a host). */
  agents: { http: http.Agent; https: https.Agent };
  allowPrivateTargets: boolean;
  allowedTargetCidrs?: readonly string[];
  /** MCPULSE_PUBLIC_URL, no trailing slash: status page subscribers' links start with it; empty leaves paths. */
  publicUrl: string;
  /**
   * An event reaches every endpoint of its organisation at about the same
   * time and its payload never changes, so its body is built and checked once
   * per format, not once per endpoint, and a status page's public payload once
   * per page (each subscriber then adds its own links); secrets are opened once per sealing.
   */
  memo: {
    bodies: BoundedMemo<string>;
    pages: BoundedMemo<StatusPageMessage>;
    secrets: BoundedMemo<string>;
  };
}

export interface AttemptResult {
  statusCode: number | null;
  latencyMs: number | null;
  responseBody: string | null;
  error: string | null;
  /** The payload itself is unsendable: retrying cannot help. */
  permanent: boolean;
}

/** Every secret that signs now: the current one, and the previous one while its rotation window lasts. */
function signingSecrets(endpoint: ClaimedDelivery['endpoint'], settings: SendSettings, now: Date): string[] {
  const open = (sealed: string) =>
    settings.memo.secrets.get(`${endpoint.id}:${sealed}`, () =>
      unsealWebhookSecret(settings.secretKey, endpoint.id, sealed),
    );
  const secrets = [open(endpoint.secretSealed)];
  const { previousSecretSealed, previousSecretExpiresAt } = endpoint;
  if (previousSecretSealed && previousSecretExpiresAt && previousSecretExpiresAt > now) {
    secrets.push(open(previousSecretSealed));
  }
  return secrets;
}

function failed(error: string, permanent = false): AttemptResult {
  return { statusCode: null, latencyMs: null, responseBody: null, error, permanent };
}

/** Postgres text cannot hold NUL, and a receiver may answer with anything. */
function storable(text: string): string {
  return text.replaceAll('\u0000', '');
}

/** What a subscriber's page no longer shows (its monitor was taken off, or the page is gone). */
class NotShown extends Error {}

/**
 * A status page subscriber's body: the page's public payload (never the owner's, which carries
 * monitor URLs and errors) with the subscriber's own links and tokens.
 */
function subscriberBody(
  delivery: ClaimedDelivery,
  page: NonNullable<ClaimedDelivery['endpoint']['statusPage']>,
  settings: SendSettings,
): string {
  const { event, endpoint } = delivery;
  if (event.monitorId !== null && page.monitorName === null)
    throw new NotShown('its monitor is no longer on the page');
  const built = settings.memo.pages.get(`${event.id}:${page.id}`, () =>
    buildStatusPageEvent(event, page, settings.publicUrl),
  );
  return renderStatusPageBody(built, {
    publicUrl: settings.publicUrl,
    subscriberId: endpoint.id,
    unsubscribeToken: subscriberToken(settings.secretKey, 'unsubscribe', endpoint.id),
    confirmToken: subscriberToken(settings.secretKey, 'confirm', endpoint.id),
  });
}

/** Renders the body for the endpoint's format, signs it and POSTs it under the SSRF rules. */
export async function sendAttempt(
  delivery: ClaimedDelivery,
  settings: SendSettings,
  now: Date,
): Promise<AttemptResult> {
  const { event, endpoint } = delivery;
  const subscriber = endpoint.subscriberOf !== null;
  let body: string;
  try {
    if (subscriber && !endpoint.statusPage) throw new NotShown('its status page is gone');
    body = endpoint.statusPage
      ? subscriberBody(delivery, endpoint.statusPage, settings)
      : settings.memo.bodies.get(`${event.id}:${endpoint.format}`, () =>
          renderWebhookBody(endpoint.format, buildWebhookEvent(event)),
        );
  } catch (error) {
    const why = (error as Error).message;
    // A subscriber's message follows its page: one it no longer shows is not sent, and not retried.
    if (error instanceof NotShown) return failed(`not_shown: ${why}`, true);
    return failed(`the event does not match the published payload schema: ${why}`, true);
  }
  let secrets: string[];
  try {
    secrets = signingSecrets(endpoint, settings, now);
  } catch {
    return failed('signing_failed: the endpoint secret cannot be unsealed with this deployment key');
  }
  let url: string;
  try {
    url = endpoint.urlSealed
      ? settings.memo.secrets.get(`${endpoint.id}:${endpoint.urlSealed}`, () =>
          unsealWebhookUrl(settings.secretKey, endpoint.id, endpoint.urlSealed!),
        )
      : endpoint.url;
  } catch {
    return failed('signing_failed: the endpoint URL cannot be unsealed with this deployment key');
  }
  const headers = webhookHeaders({ messageId: delivery.messageId, timestamp: now, body, secrets });
  const outcome = await postGuarded({
    url,
    body,
    headers: { 'content-type': 'application/json', ...headers },
    timeoutMs: subscriber
      ? WEBHOOK_RETRY_POLICY.subscriberAttemptTimeoutMs
      : WEBHOOK_RETRY_POLICY.attemptTimeoutMs,
    // A subscriber's URL came from anyone on the internet: the hosted rules hold whatever the
    // deployment allows its own users (MCPULSE_ALLOWED_TARGET_CIDRS alone can open a range).
    allowPrivateAddresses: subscriber ? false : settings.allowPrivateTargets,
    ...(settings.allowedTargetCidrs ? { allowedCidrs: settings.allowedTargetCidrs } : {}),
    maxResponseBytes: RESPONSE_EXCERPT_BYTES,
    agents: settings.agents,
  });
  if ('error' in outcome) {
    return { ...failed(`${outcome.error.code}: ${outcome.error.message}`), latencyMs: outcome.latencyMs };
  }
  return {
    statusCode: outcome.status,
    latencyMs: outcome.latencyMs,
    responseBody: storable(outcome.bodyExcerpt),
    error: null,
    permanent: false,
  };
}
