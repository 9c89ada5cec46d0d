import { ProbeFailure } from '../probe-failure.js';
import type { CheckContext } from './check-context.js';

export type JsonObject = Record<string, unknown>;

export interface JsonRpcRequest {
  jsonrpc: '2.0';
  id: number;
  method: string;
  params?: JsonObject;
}

export interface JsonRpcNotification {
  jsonrpc: '2.0';
  method: string;
  params?: JsonObject;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short, single-line excerpt of what a server sent, scrubbed of the monitor's secrets before it is cut. */
export function excerpt(ctx: CheckContext, text: string, max = 120): string {
  const line = ctx.scrub(text).replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** Parses a body that should hold one JSON-RPC message; tells "not MCP at all" from "broken MCP". */
export function parseJsonBody(ctx: CheckContext, text: string, contentType: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') {
    throw new ProbeFailure(
      'invalid_response',
      ctx.phase,
      'empty response body where a JSON-RPC response was expected',
    );
  }
  const looksJson = trimmed.startsWith('{') || trimmed.startsWith('[');
  if (!looksJson || contentType.includes('text/html')) {
    throw new ProbeFailure(
      'not_mcp',
      ctx.phase,
      `response is not JSON-RPC (${contentType || 'no content type'}): "${excerpt(ctx, trimmed, 60)}"`,
    );
  }
  try {
    return JSON.parse(trimmed);
  } catch {
    throw new ProbeFailure('invalid_response', ctx.phase, 'malformed JSON in response');
  }
}

/**
 * Validates a JSON-RPC response envelope for request `id` and returns its
 * result; a JSON-RPC error object becomes `rpc_error` carrying its code.
 */
export function expectResult(ctx: CheckContext, message: unknown, id: number, method: string): JsonObject {
  if (Array.isArray(message)) {
    throw new ProbeFailure('invalid_response', ctx.phase, `a batch answered the single ${method} request`);
  }
  if (!isObject(message)) {
    throw new ProbeFailure('not_mcp', ctx.phase, `response to ${method} is JSON but not a JSON-RPC object`);
  }
  if (!('jsonrpc' in message) && !('result' in message) && !('error' in message)) {
    throw new ProbeFailure('not_mcp', ctx.phase, `response to ${method} is JSON but not JSON-RPC`);
  }
  if (message.jsonrpc !== '2.0') {
    throw new ProbeFailure('invalid_response', ctx.phase, `response to ${method} lacks "jsonrpc": "2.0"`);
  }
  if (message.id !== id) {
    throw new ProbeFailure(
      'invalid_response',
      ctx.phase,
      `response id ${JSON.stringify(message.id)} does not match request id ${id} (${method})`,
    );
  }
  if ('error' in message && message.error !== undefined) {
    throw rpcFailure(ctx, message.error, method);
  }
  if (!isObject(message.result)) {
    throw new ProbeFailure('invalid_response', ctx.phase, `response to ${method} has no result object`);
  }
  return message.result;
}

/** A JSON-RPC error object: an integer `code` and a string `message`. */
export function isRpcErrorObject(error: unknown): error is JsonObject & { code: number; message: string } {
  return isObject(error) && Number.isInteger(error.code) && typeof error.message === 'string';
}

export function rpcFailure(
  ctx: CheckContext,
  error: unknown,
  method: string,
  httpStatus?: number,
): ProbeFailure {
  if (!isRpcErrorObject(error)) {
    return new ProbeFailure(
      'invalid_response',
      ctx.phase,
      `malformed JSON-RPC error object in response to ${method}`,
    );
  }
  const code = error.code as number;
  const details = httpStatus === undefined ? { rpcCode: code } : { rpcCode: code, httpStatus };
  return new ProbeFailure(
    'rpc_error',
    ctx.phase,
    `${method} failed with JSON-RPC error ${code}: ${excerpt(ctx, error.message, 200)}`,
    details,
  );
}

/** True for a message that is a response (not a request or notification from the server). */
export function isResponseMessage(message: unknown): boolean {
  return (
    isObject(message) &&
    !('method' in message) &&
    ('result' in message || 'error' in message || 'id' in message)
  );
}
