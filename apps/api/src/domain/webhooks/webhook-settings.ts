import { isIP } from 'node:net';
import { ValidationFailed } from '@mcpulse/core';
import type { EventType, WebhookFormat } from '@mcpulse/core/domain';
import { type Executor, ownedMonitorIds } from '@mcpulse/db';
import { createAddressPolicy } from '@mcpulse/probe';
import type { WebhookDeps } from './webhook-deps.js';

/** What a client sets on an endpoint. */
export interface WebhookSettings {
  url: string;
  description: string;
  format: WebhookFormat;
  /** Empty means every event type. */
  eventTypes: EventType[];
  /** Null means every monitor of the organisation. */
  monitorIds: string[] | null;
}

function bareHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/**
 * Refuses, up front, a URL that can only ever be blocked: a literal address in
 * a blocked range, or a `localhost` name. Names are judged again at every
 * attempt, on the address actually connected to, as probe targets are.
 */
export function checkWebhookUrl(
  deps: Pick<WebhookDeps, 'allowPrivateTargets' | 'allowedTargetCidrs'>,
  text: string,
) {
  if (deps.allowPrivateTargets) return;
  const host = bareHost(new URL(text)).toLowerCase();
  const policy = createAddressPolicy({ allowPrivate: false, allowCidrs: deps.allowedTargetCidrs ?? [] });
  const loopbackName = host === 'localhost' || host.endsWith('.localhost');
  if (loopbackName || (isIP(host) !== 0 && policy.isBlocked(host))) {
    throw new ValidationFailed(
      'url',
      `${host} is in a blocked address range (loopback, private or link-local)`,
    );
  }
}

/** Every monitor an endpoint filters on must be one of the organisation's own. */
export async function checkMonitorIds(
  db: Pick<Executor, 'select'>,
  organizationId: string,
  monitorIds: readonly string[] | null,
): Promise<void> {
  if (monitorIds === null || monitorIds.length === 0) return;
  const known = new Set(await ownedMonitorIds(db, organizationId, monitorIds));
  const unknown = monitorIds.find((id) => !known.has(id));
  if (unknown !== undefined)
    throw new ValidationFailed('monitorIds', `no monitor ${unknown} in this organisation`);
}
