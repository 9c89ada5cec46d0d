import type { IncomingHttpHeaders } from 'node:http';
import { ProbeFailure } from '../probe-failure.js';
import type { CheckContext } from './check-context.js';
import { type HttpResponse, sendHttp } from './http-client.js';
import {
  excerpt,
  expectResult,
  isObject,
  isResponseMessage,
  isRpcErrorObject,
  type JsonObject,
  type JsonRpcNotification,
  type JsonRpcRequest,
  parseJsonBody,
  rpcFailure,
} from './json-rpc.js';
import { consumeText, readText } from './read-body.js';
import { SseParser } from './sse-parser.js';

export interface RpcReply {
  result: JsonObject;
  /** The endpoint that answered (after redirects) and its response headers. */
  url: URL;
  headers: IncomingHttpHeaders;
}

const RELEASE_DRAIN_BYTES = 64 * 1024;

/** An error page is read only this far: enough for a JSON-RPC error object or a line of text. */
const ERROR_BODY_BYTES = 16 * 1024;

export function postHeaders(extra: Record<string, string>): Record<string, string> {
  return { accept: 'application/json, text/event-stream', 'content-type': 'application/json', ...extra };
}

function contentTypeOf(headers: IncomingHttpHeaders): string {
  return (headers['content-type'] ?? '').toLowerCase();
}

/** Turns a non-2xx answer into the probe's error, reading a bounded excerpt of the body. */
export async function failureForStatus(
  ctx: CheckContext,
  response: HttpResponse,
  method: string,
): Promise<ProbeFailure> {
  const status = response.status;
  const reason = response.stream.statusMessage ? ` ${response.stream.statusMessage}` : '';
  if (status === 401 || status === 403) {
    response.stream.destroy();
    const header = response.headers['www-authenticate'];
    const challenge = header === undefined ? undefined : String(header);
    const suffix = challenge ? `; WWW-Authenticate: ${ctx.scrub(challenge)}` : '';
    return new ProbeFailure('auth_failed', ctx.phase, `HTTP ${status}${reason} for ${method}${suffix}`, {
      httpStatus: status,
      ...(challenge === undefined ? {} : { challenge }),
    });
  }
  let text = '';
  try {
    text = await readText(ctx, response, { maxBytes: ERROR_BODY_BYTES });
  } catch (error) {
    if (error instanceof ProbeFailure && error.code === 'timeout') throw error;
  }
  if (contentTypeOf(response.headers).includes('json')) {
    try {
      const body: unknown = JSON.parse(text);
      // Only a real JSON-RPC error object says the server read the request: `{"error": "…"}` is an HTTP error page.
      if (isObject(body) && isRpcErrorObject(body.error)) return rpcFailure(ctx, body.error, method, status);
    } catch {
      // A non-JSON (or cut) error body is reported as a plain HTTP error below.
    }
  }
  const snippet = text.trim() ? `: ${excerpt(ctx, text)}` : '';
  return new ProbeFailure('http_error', ctx.phase, `HTTP ${status}${reason} for ${method}${snippet}`, {
    httpStatus: status,
  });
}

/** Parses one SSE event's data as a JSON-RPC message. */
export function parseEventData(ctx: CheckContext, data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    throw new ProbeFailure('invalid_response', ctx.phase, 'malformed JSON in an SSE event');
  }
}

async function readSseReply(
  ctx: CheckContext,
  response: HttpResponse,
  request: JsonRpcRequest,
): Promise<JsonObject> {
  const parser = new SseParser();
  let result: JsonObject | undefined;
  await consumeText(ctx, response, {
    onText(text) {
      for (const event of parser.push(text)) {
        if (event.event !== 'message' || event.data.trim() === '') continue;
        const message = parseEventData(ctx, event.data);
        if (!isResponseMessage(message)) continue;
        result = expectResult(ctx, message, request.id, request.method);
        return true;
      }
      return false;
    },
    onEnd() {
      throw new ProbeFailure(
        'invalid_response',
        ctx.phase,
        `SSE stream ended without the response to ${request.method}`,
      );
    },
  });
  if (result === undefined) throw ctx.timeoutFailure();
  return result;
}

/** POSTs one JSON-RPC request and returns its result, whether it came back as JSON or as SSE. */
export async function callRpc(
  ctx: CheckContext,
  url: URL,
  request: JsonRpcRequest,
  headers: Record<string, string>,
): Promise<RpcReply> {
  const response = await sendHttp(ctx, {
    url,
    method: 'POST',
    headers: postHeaders(headers),
    body: JSON.stringify(request),
  });
  if (response.status < 200 || response.status > 299)
    throw await failureForStatus(ctx, response, request.method);
  const contentType = contentTypeOf(response.headers);
  const result = contentType.startsWith('text/event-stream')
    ? await readSseReply(ctx, response, request)
    : expectResult(
        ctx,
        parseJsonBody(ctx, await readText(ctx, response), contentType),
        request.id,
        request.method,
      );
  return { result, url: response.url, headers: response.headers };
}

/** POSTs a notification; any 2xx is an acknowledgement (the spec says 202) and its body is not needed. */
export async function sendNotification(
  ctx: CheckContext,
  url: URL,
  notification: JsonRpcNotification,
  headers: Record<string, string>,
): Promise<void> {
  const response = await sendHttp(ctx, {
    url,
    method: 'POST',
    headers: postHeaders(headers),
    body: JSON.stringify(notification),
  });
  if (response.status < 200 || response.status > 299) {
    throw await failureForStatus(ctx, response, notification.method);
  }
  // The spec's answer is an empty 202; reading it to the end keeps the connection for the next request.
  await readText(ctx, response, { maxBytes: RELEASE_DRAIN_BYTES });
}

/**
 * Lets go of a body the check does not need without waiting for it: a short
 * one drains in the background, past a few kilobytes it is cut off.
 */
export function releaseBody(response: HttpResponse): void {
  let drained = 0;
  response.stream.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > RELEASE_DRAIN_BYTES) response.stream.destroy();
  });
}
