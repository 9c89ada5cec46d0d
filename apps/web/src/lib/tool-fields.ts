import type { Tool } from '@mcpulse/contract';
import { compactJson } from './bounded-json.js';
import { RENDER_LIMITS } from './render-limits.js';

/**
 * A tool's fields as the dashboard draws them. A server may send anything in
 * place of a tool (an object for a description, a number for a name, no
 * schema at all): each reader here turns it into bounded text or says so.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text where text is expected, or the value as compact JSON when the server sent something else. */
export function textOf(value: unknown, max: number): string {
  return typeof value === 'string' ? value : compactJson(value, max);
}

/** The tool's name as text; a name that is not a string is shown as the JSON it is. */
export function toolName(tool: unknown): string {
  return isRecord(tool)
    ? textOf(tool.name, RENDER_LIMITS.nameChars)
    : compactJson(tool, RENDER_LIMITS.nameChars);
}

/** The tool's description as text, or null when it has none. */
export function toolDescription(tool: Tool): string | null {
  const description = isRecord(tool) ? tool.description : undefined;
  if (description === undefined || description === null || description === '') return null;
  return textOf(description, RENDER_LIMITS.descriptionChars);
}

export interface Parameter {
  name: string;
  type: string;
  required: boolean;
}

function typeOf(schema: unknown): string {
  const type = isRecord(schema) ? schema.type : undefined;
  if (typeof type === 'string') return type;
  if (Array.isArray(type) && type.length > 0 && type.every((item) => typeof item === 'string'))
    return type.join(' | ');
  return 'any';
}

/** The first `max` top-level parameters of the tool's input schema, and how many there are in all. */
export function parametersOf(tool: Tool, max: number): { shown: Parameter[]; total: number } {
  const schema = isRecord(tool) ? tool.inputSchema : undefined;
  const properties = isRecord(schema) && isRecord(schema.properties) ? schema.properties : {};
  const required = new Set(
    isRecord(schema) && Array.isArray(schema.required)
      ? schema.required.filter((name): name is string => typeof name === 'string')
      : [],
  );
  const names = Object.keys(properties);
  return {
    shown: names.slice(0, max).map((name) => ({
      name,
      type: typeOf(properties[name]),
      required: required.has(name),
    })),
    total: names.length,
  };
}

export const HINTS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const;

/** The behaviour hints the tool declares true. */
export function hintsOf(tool: Tool): (typeof HINTS)[number][] {
  const annotations = isRecord(tool) ? tool.annotations : undefined;
  return isRecord(annotations) ? HINTS.filter((hint) => annotations[hint] === true) : [];
}
