import type http from 'node:http';
import type https from 'node:https';
import { createAddressPolicy } from './address-policy.js';
import { isProbeFailure } from './probe-failure.js';
import { InvalidProbeOptions, parseTargetUrl, systemResolver, validateHeaders } from './probe-options.js';
import { CheckContext, type Resolver } from './wire/check-context.js';
import { sendHttp } from './wire/http-client.js';
import { consumeText } from './wire/read-body.js';

export interface PostGuardedOptions {
  url: string;
  body: string;
  /** Sent to every hop, redirects included. */
  headers: Record<string, string>;
  /** Everything: resolving, connecting, sending and reading the excerpt. */
  timeoutMs: number;
  allowPrivateAddresses: boolean;
  allowedCidrs?: readonly string[];
  /** How much of the answer is kept; reading stops there. */
  maxResponseBytes: number;
  maxRedirects?: number;
  resolver?: Resolver;
  userAgent?: string;
  /**
   * Keep-alive agents reused across calls (create them with `keepAlive: true`
   * and destroy them when done). Every new connection is still judged by the
   * address policy; only the connect and close of each call are saved.
   */
  agents?: { http: http.Agent; https: https.Agent };
}

/** A GET (no body) or a POST under the same rules (the CLI's OAuth sign-in fetches metadata too). */
export type GuardedRequestOptions = Omit<PostGuardedOptions, 'body'> &
  ({ method: 'POST'; body: string } | { method: 'GET' });

export type PostGuardedResult =
  | { status: number; bodyExcerpt: string; latencyMs: number }
  | { error: { code: string; message: string }; latencyMs: number };

const CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_MAX_REDIRECTS = 3;
/** Only the excerpt is read, so these bound nothing but a pathological answer. */
const READ_LIMIT_BYTES = 1024 * 1024;

function excerpt(parts: readonly string[], maxBytes: number): string {
  return Buffer.from(parts.join(''), 'utf8').subarray(0, maxBytes).toString('utf8');
}

async function readExcerpt(
  ctx: CheckContext,
  response: Awaited<ReturnType<typeof sendHttp>>,
  maxBytes: number,
) {
  const parts: string[] = [];
  let bytes = 0;
  try {
    await consumeText(ctx, response, {
      onText(text) {
        parts.push(text);
        bytes += Buffer.byteLength(text);
        return bytes >= maxBytes;
      },
      onEnd() {},
    });
  } catch {
    // The status already says how the receiver answered; a body cut short only shortens the excerpt.
  }
  return excerpt(parts, maxBytes);
}

/**
 * One POST under the probe's network rules: the address policy judges the
 * address actually connected to (DNS-pinned, no rebinding window) and every
 * redirect, one deadline covers the whole exchange, and only the first
 * `maxResponseBytes` of the answer are read. Never throws for anything the
 * target does; a malformed request comes back as an `invalid_request` error.
 */
export function postGuarded(options: PostGuardedOptions): Promise<PostGuardedResult> {
  return requestGuarded({ ...options, method: 'POST' });
}

/** `postGuarded`, for a GET as well. */
export async function requestGuarded(options: GuardedRequestOptions): Promise<PostGuardedResult> {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  let url: URL;
  let headers: Record<string, string>;
  try {
    url = parseTargetUrl(options.url);
    headers = validateHeaders({ ...options.headers });
  } catch (error) {
    if (!(error instanceof InvalidProbeOptions)) throw error;
    return { error: { code: 'invalid_request', message: error.message }, latencyMs: latencyMs() };
  }
  const ctx = new CheckContext({
    targetOrigin: url.origin,
    limits: {
      timeoutMs: options.timeoutMs,
      connectTimeoutMs: Math.min(CONNECT_TIMEOUT_MS, options.timeoutMs),
      maxBodyBytes: READ_LIMIT_BYTES,
      maxTotalBytes: READ_LIMIT_BYTES,
      maxPages: 1,
      maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
    },
    policy: createAddressPolicy({
      allowPrivate: options.allowPrivateAddresses,
      allowCidrs: options.allowedCidrs ?? [],
    }),
    resolver: options.resolver ?? systemResolver,
    headers: {},
    userAgent: options.userAgent ?? 'mcpulse-webhooks/1.0',
    ...(options.agents ? { sharedAgents: options.agents } : {}),
  });
  try {
    const response = await sendHttp(ctx, {
      url,
      method: options.method,
      headers,
      ...(options.method === 'POST' ? { body: options.body } : {}),
    });
    const bodyExcerpt = await readExcerpt(ctx, response, options.maxResponseBytes);
    return { status: response.status, bodyExcerpt, latencyMs: latencyMs() };
  } catch (error) {
    if (!isProbeFailure(error)) throw error;
    const message = error.code === 'timeout' ? `no answer within ${options.timeoutMs} ms` : error.message;
    return { error: { code: error.code, message }, latencyMs: latencyMs() };
  } finally {
    ctx.close();
  }
}
