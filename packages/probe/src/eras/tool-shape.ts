import type { Tool } from '@mcpulse/core';
import { ProbeFailure } from '../probe-failure.js';
import type { CheckContext } from '../wire/check-context.js';
import { excerpt, isObject, type JsonObject } from '../wire/json-rpc.js';

function kindOf(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

type Expected = 'a string' | 'an object' | 'an array of objects';

function matches(value: unknown, expected: Expected): boolean {
  if (expected === 'a string') return typeof value === 'string';
  if (expected === 'an object') return isObject(value);
  return Array.isArray(value) && value.every(isObject);
}

/**
 * The optional members of the MCP `Tool` and their types. An absent member
 * and a null one are both "not given": servers built on some serializers
 * write null for what they leave out, and nothing downstream is hurt by it.
 */
const OPTIONAL_MEMBERS: ReadonlyArray<readonly [string, Expected]> = [
  ['title', 'a string'],
  ['description', 'a string'],
  ['outputSchema', 'an object'],
  ['annotations', 'an object'],
  ['icons', 'an array of objects'],
  ['_meta', 'an object'],
];

/**
 * Checks one entry of a tools/list result against the MCP `Tool` shape and
 * names the tool (by name, or by position when it has none) in the protocol
 * violation, so a malformed listing is reported at the check instead of
 * breaking whatever later reads it.
 */
export function validTool(ctx: CheckContext, value: unknown, index: number): Tool {
  const fail = (message: string) => new ProbeFailure('protocol_violation', ctx.phase, message);
  if (!isObject(value)) throw fail(`tools[${index}] is ${kindOf(value)}, not a tool object`);
  if (value.name === undefined || value.name === '') throw fail(`tools[${index}] has no name`);
  if (typeof value.name !== 'string') {
    throw fail(`tools[${index}] has a name that is ${kindOf(value.name)}, not a string`);
  }
  const label = `tool ${JSON.stringify(excerpt(ctx, value.name, 64))}`;
  const schema = value.inputSchema;
  if (!isObject(schema)) throw fail(`${label} has no inputSchema object`);
  const type = (schema as JsonObject).type;
  if (type !== 'object') {
    const given = typeof type === 'string' ? JSON.stringify(excerpt(ctx, type, 32)) : kindOf(type);
    throw fail(`${label}: inputSchema.type is ${given}, not "object"`);
  }
  for (const [member, expected] of OPTIONAL_MEMBERS) {
    const given = value[member];
    if (given === undefined || given === null || matches(given, expected)) continue;
    throw fail(`${label}: ${member} is ${kindOf(given)}, not ${expected}`);
  }
  return value as Tool;
}
