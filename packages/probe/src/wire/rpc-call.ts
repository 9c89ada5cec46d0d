import type { IncomingHttpHeaders } from 'node:http';
import { ProbeFailure } from '../probe-failure.js';
import type { CheckContext } from './check-context.js';
import { type HttpResponse, sendHttp } from './http-client.js';
import {
  excerpt,
  expectResult,
  isObject,
  isResponseMessage,
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

/** Protocol headers win over the monitor's own: a monitor cannot break the exchange by accident. */
export function postHeaders(ctx: CheckContext, extra: Record<string, string>): Record<string, string> {
  return {
    ...ctx.customHeaders,
    accept: 'application/json, text/event-stream',
    'content-type': 'application/json',
    ...extra,
  };
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
    response.stream.resume();
    const challenge = response.headers['www-authenticate'];
    const suffix = challenge ? `; WWW-Authenticate: ${challenge}` : '';
    return new ProbeFailure('auth_failed', ctx.phase, `HTTP ${status}${reason} for ${method}${suffix}`, {
      httpStatus: status,
    });
  }
  let text = '';
  try {
    text = await readText(ctx, response);
  } catch (error) {
    if (error instanceof ProbeFailure && error.code === 'timeout') throw error;
  }
  if (contentTypeOf(response.headers).includes('json')) {
    try {
      const body: unknown = JSON.parse(text);
      if (isObject(body) && body.error !== undefined) return rpcFailure(ctx, body.error, method, status);
    } catch {
      // A non-JSON error body is reported as a plain HTTP error below.
    }
  }
  const snippet = text.trim() ? `: ${excerpt(text)}` : '';
  return new ProbeFailure('http_error', ctx.phase, `HTTP ${status}${reason} for ${method}${snippet}`, {
    httpStatus: status,
  });
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
        let message: unknown;
        try {
          message = JSON.parse(event.data);
        } catch (error) {
          throw new ProbeFailure(
            'invalid_response',
            ctx.phase,
            `malformed JSON in an SSE event: ${(error as Error).message}`,
          );
        }
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
    headers: postHeaders(ctx, headers),
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

/** POSTs a notification; any 2xx is an acknowledgement (the spec says 202). */
export async function sendNotification(
  ctx: CheckContext,
  url: URL,
  notification: JsonRpcNotification,
  headers: Record<string, string>,
): Promise<void> {
  const response = await sendHttp(ctx, {
    url,
    method: 'POST',
    headers: postHeaders(ctx, headers),
    body: JSON.stringify(notification),
  });
  if (response.status < 200 || response.status > 299) {
    throw await failureForStatus(ctx, response, notification.method);
  }
  await readText(ctx, response);
}
