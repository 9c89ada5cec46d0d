import type { Tool } from '@mcpulse/core';
import { isObject, type JsonObject } from '../wire/json-rpc.js';

/** RFC 9110 `token`: what an `x-mcp-header` name must be to become a header name. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BASE64_PREFIX = '=?base64?';
const BASE64_SUFFIX = '?=';
// The spec admits string, integer and boolean; a server that marks a number still checks its header.
const PRIMITIVE_TYPES = new Set(['string', 'integer', 'boolean', 'number']);
/** How far down `properties` chains the declarations are looked for; tool schemas are hostile. */
const MAX_DEPTH = 32;
const MAX_DECLARATIONS = 64;

/**
 * A header value as the 2026-07-28 Streamable HTTP transport encodes it: plain
 * when it is visible ASCII without surrounding spaces, else
 * `=?base64?<UTF-8 in base64>?=`.
 */
export function encodeHeaderValue(value: string): string {
  const plain =
    value.length > 0 &&
    value === value.trim() &&
    !(value.startsWith(BASE64_PREFIX) && value.endsWith(BASE64_SUFFIX)) &&
    /^[\t\x20-\x7e]*$/.test(value);
  return plain ? value : `${BASE64_PREFIX}${Buffer.from(value, 'utf8').toString('base64')}${BASE64_SUFFIX}`;
}

function primitiveText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isFinite(value)) {
    return Number.isInteger(value) && !Number.isSafeInteger(value) ? undefined : String(value);
  }
  return undefined;
}

/**
 * The `Mcp-Param-{Name}` headers of one `tools/call` (2026-07-28, SEP-2243):
 * each primitive property the tool's inputSchema marks with `x-mcp-header`,
 * along a chain of `properties`, mirrors its argument's value. A declaration
 * that is not a header token, or an argument that is absent, null or not a
 * primitive, adds no header.
 */
export function mcpParamHeaders(tool: Tool, args: JsonObject): Record<string, string> {
  const headers: Record<string, string> = {};
  const stack: Array<{ schema: JsonObject; value: unknown; depth: number }> = [
    { schema: tool.inputSchema, value: args, depth: 0 },
  ];
  let declarations = 0;
  while (stack.length > 0 && declarations < MAX_DECLARATIONS) {
    const { schema, value, depth } = stack.pop() as (typeof stack)[number];
    const properties = schema.properties;
    if (!isObject(properties) || depth >= MAX_DEPTH) continue;
    for (const [key, child] of Object.entries(properties)) {
      if (!isObject(child)) continue;
      const argument = isObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
      const name = child['x-mcp-header'];
      if (typeof name === 'string' && TOKEN.test(name) && PRIMITIVE_TYPES.has(String(child.type))) {
        declarations++;
        const text = primitiveText(argument);
        if (text !== undefined) headers[`mcp-param-${name.toLowerCase()}`] = encodeHeaderValue(text);
      }
      stack.push({ schema: child, value: argument, depth: depth + 1 });
    }
  }
  return headers;
}
