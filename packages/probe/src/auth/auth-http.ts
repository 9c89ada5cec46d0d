import { isProbeFailure } from '../probe-failure.js';
import type { CheckContext } from '../wire/check-context.js';
import { sendHttp } from '../wire/http-client.js';
import { excerpt, isObject, type JsonObject } from '../wire/json-rpc.js';
import { readText } from '../wire/read-body.js';
import { type TokenEndpointPost, TokenError } from './probe-auth.js';

/** A metadata document is a few kilobytes; this bounds a hostile one. */
const METADATA_BODY_BYTES = 256 * 1024;
/** A token response is a few hundred bytes. */
const TOKEN_BODY_BYTES = 64 * 1024;

export type MetadataFetch = { json: JsonObject } | { problem: string };

/** The check's deadline ends the check; every other failure is the server's and becomes a reason. */
function rethrowDeadline(ctx: CheckContext, error: unknown): string {
  if (ctx.timedOut || (isProbeFailure(error) && error.code === 'timeout')) throw ctx.timeoutFailure();
  if (isProbeFailure(error)) return error.message;
  throw error;
}

/** The URL when it is an absolute http(s) one, else null. */
export function httpUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * GETs one metadata document under the check's rules (address policy, redirects, the deadline,
 * a 256 KiB body cap that also counts toward the check's budget), without the access token.
 */
export async function fetchMetadata(ctx: CheckContext, location: string): Promise<MetadataFetch> {
  const url = httpUrl(location);
  if (!url) return { problem: 'not an http(s) URL' };
  try {
    const response = await sendHttp(ctx, {
      url,
      method: 'GET',
      headers: { accept: 'application/json' },
      credentials: 'headers',
    });
    if (response.status !== 200) {
      response.stream.destroy();
      return { problem: `HTTP ${response.status}` };
    }
    const text = await readText(ctx, response, { maxBytes: METADATA_BODY_BYTES });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { problem: `not JSON: ${excerpt(ctx, text)}` };
    }
    if (!isObject(body)) return { problem: 'not a JSON object' };
    return { json: body };
  } catch (error) {
    return { problem: rethrowDeadline(ctx, error) };
  }
}

/** The token endpoint's POST for a `ProbeAuth` provider (see `TokenEndpointPost`). */
export function tokenEndpointPost(ctx: CheckContext): TokenEndpointPost {
  return async (location, form, headers) => {
    const url = httpUrl(location);
    if (!url) throw new TokenError(`the token endpoint ${location} is not an http(s) URL`);
    try {
      const response = await sendHttp(ctx, {
        url,
        method: 'POST',
        headers: {
          accept: 'application/json',
          'content-type': 'application/x-www-form-urlencoded',
          ...headers,
        },
        body: form.toString(),
        credentials: 'none',
      });
      const body = await readText(ctx, response, { maxBytes: TOKEN_BODY_BYTES });
      return {
        status: response.status,
        contentType: String(response.headers['content-type'] ?? '').toLowerCase(),
        body,
      };
    } catch (error) {
      throw new TokenError(`token endpoint ${url.href}: ${rethrowDeadline(ctx, error)}`);
    }
  };
}
