import { createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const SECRET_PREFIX = 'whsec_';
/** The Standard Webhooks libraries refuse a timestamp further than this from their clock, either way. */
const TOLERANCE_SECONDS = 5 * 60;

export interface SignedRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

function single(value: string | string[] | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * The check a customer's receiver makes (Standard Webhooks v1): one of the
 * space-separated `v1,` signatures is the base64 HMAC-SHA256 of
 * `id.timestamp.body` keyed by the secret's decoded bytes, and the timestamp
 * is within five minutes of `nowMs`. Written here rather than imported from
 * core so the tests check the sender against the spec, not against itself.
 */
export function verifyWebhook(secret: string, request: SignedRequest, nowMs = Date.now()): boolean {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('a Standard Webhooks secret starts with whsec_');
  const id = single(request.headers['webhook-id']);
  const timestamp = single(request.headers['webhook-timestamp']);
  const signatures = single(request.headers['webhook-signature']);
  if (id === null || timestamp === null || signatures === null || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) > TOLERANCE_SECONDS) return false;
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  const expected = `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${request.body}`).digest('base64')}`;
  return signatures.split(' ').includes(expected);
}
