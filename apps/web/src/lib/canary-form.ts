import type { Tool, ToolCanary } from '@mcpulse/contract';
import { CANARY_LIMITS, parseJsonPath } from '@mcpulse/core/domain';
import { RENDER_LIMITS } from './render-limits.js';

/** Messages by the API's field name (`canary.arguments`…), as the monitor form keeps them. */
type FieldErrors = Record<string, string>;

export type ExpectKind = 'none' | 'contains' | 'json_path';

/** The canary part of the monitor form, as typed: arguments and the expected value stay JSON text. */
export interface CanaryForm {
  enabled: boolean;
  tool: string;
  argumentsText: string;
  expectKind: ExpectKind;
  expectText: string;
  expectPath: string;
  expectEqualsText: string;
  /** Empty: the call may take what the check has left. */
  timeoutMs: string;
  confirmedNoSideEffects: boolean;
}

export const NO_CANARY: CanaryForm = {
  enabled: false,
  tool: '',
  argumentsText: '{}',
  expectKind: 'none',
  expectText: '',
  expectPath: '$.',
  expectEqualsText: '',
  timeoutMs: '',
  confirmedNoSideEffects: false,
};

export function canaryFormOf(canary: ToolCanary | null): CanaryForm {
  if (!canary) return NO_CANARY;
  const expect = canary.expect;
  return {
    enabled: true,
    tool: canary.tool,
    argumentsText: JSON.stringify(canary.arguments, null, 2),
    expectKind: expect ? expect.kind : 'none',
    expectText: expect?.kind === 'contains' ? expect.text : '',
    expectPath: expect?.kind === 'json_path' ? expect.path : '$.',
    expectEqualsText: expect?.kind === 'json_path' ? JSON.stringify(expect.equals) : '',
    timeoutMs: canary.timeoutMs === null ? '' : String(canary.timeoutMs),
    confirmedNoSideEffects: canary.confirmedNoSideEffects,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The arguments' JSON text as an object, or null when it is not one. */
export function parseArguments(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * The canary to send, or null when it is off; what cannot be sent is named in
 * `errors` under the API's field names, so server and form errors land alike.
 */
export function canaryBody(
  form: CanaryForm,
  checkTimeoutMs: number | undefined,
  errors: FieldErrors,
): ToolCanary | null {
  if (!form.enabled) return null;
  const tool = form.tool.trim();
  if (!tool) errors['canary.tool'] = 'Choose the tool to call on every check';
  const args = parseArguments(form.argumentsText);
  if (!args) errors['canary.arguments'] = 'The arguments must be a JSON object, e.g. {"query": "status"}';
  else if (form.argumentsText.length > CANARY_LIMITS.argumentsChars) {
    errors['canary.arguments'] = `At most ${CANARY_LIMITS.argumentsChars} characters of JSON`;
  }
  let expect: ToolCanary['expect'] = null;
  if (form.expectKind === 'contains') {
    if (!form.expectText) errors['canary.expect.text'] = 'Enter the text the result must contain';
    expect = { kind: 'contains', text: form.expectText };
  } else if (form.expectKind === 'json_path') {
    const path = parseJsonPath(form.expectPath.trim());
    if ('error' in path) errors['canary.expect.path'] = `The path ${path.error}`;
    let equals: unknown;
    try {
      equals = JSON.parse(form.expectEqualsText);
    } catch {
      errors['canary.expect.equals'] =
        'Enter a JSON value: "text" in quotes, a number, true, false, null, [] or {}';
    }
    expect = { kind: 'json_path', path: form.expectPath.trim(), equals };
  }
  let timeoutMs: number | null = null;
  if (form.timeoutMs.trim()) {
    const value = Number(form.timeoutMs);
    const { min, max } = CANARY_LIMITS.timeoutMs;
    if (!/^\s*\d+\s*$/.test(form.timeoutMs) || value < min || value > max) {
      errors['canary.timeoutMs'] = `A whole number of ms between ${min} and ${max}, or empty`;
    } else if (checkTimeoutMs !== undefined && value >= checkTimeoutMs) {
      errors['canary.timeoutMs'] = `Must be less than the check's timeout (${checkTimeoutMs} ms)`;
    } else timeoutMs = value;
  }
  return {
    tool,
    arguments: args ?? {},
    expect,
    timeoutMs,
    confirmedNoSideEffects: form.confirmedNoSideEffects,
  };
}

/** Whether the tool says it changes nothing: only such a tool may be called without the owner's confirmation. */
export function isReadOnly(tool: Tool | undefined): boolean {
  return isRecord(tool?.annotations) && tool.annotations.readOnlyHint === true;
}

/** A property of the tool's input the generated form edits with a control of its own. */
export interface ArgumentField {
  name: string;
  kind: 'string' | 'number' | 'integer' | 'boolean' | 'enum';
  required: boolean;
  description: string | null;
  /** For `enum`: the choices, all strings. */
  options: string[];
}

function fieldOf(name: string, schema: unknown, required: boolean): ArgumentField | null {
  if (!isRecord(schema)) return null;
  const description =
    typeof schema.description === 'string'
      ? schema.description.slice(0, RENDER_LIMITS.descriptionChars)
      : null;
  const base = { name, required, description, options: [] as string[] };
  if (
    Array.isArray(schema.enum) &&
    schema.enum.length > 0 &&
    schema.enum.every((item) => typeof item === 'string')
  ) {
    return { ...base, kind: 'enum', options: (schema.enum as string[]).slice(0, 100) };
  }
  const type = schema.type;
  if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean')
    return { ...base, kind: type };
  return null;
}

/**
 * The top-level properties of the tool's inputSchema a form can edit (strings,
 * numbers, booleans, string enums), at most `RENDER_LIMITS.parametersPerTool`;
 * `others` counts the rest, which only the JSON editor reaches.
 */
export function argumentFieldsOf(tool: Tool | undefined): { fields: ArgumentField[]; others: number } {
  const schema = tool?.inputSchema;
  const properties = isRecord(schema) && isRecord(schema.properties) ? schema.properties : {};
  const required = new Set(
    isRecord(schema) && Array.isArray(schema.required)
      ? schema.required.filter((name): name is string => typeof name === 'string')
      : [],
  );
  const fields: ArgumentField[] = [];
  let others = 0;
  for (const [name, property] of Object.entries(properties)) {
    const field =
      fields.length < RENDER_LIMITS.parametersPerTool ? fieldOf(name, property, required.has(name)) : null;
    if (field) fields.push(field);
    else others++;
  }
  return { fields, others };
}

/** What a generated control shows for a field: the argument as typed text ('' when absent). */
export function argumentText(args: Record<string, unknown> | null, field: ArgumentField): string {
  const value = args?.[field.name];
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The arguments' JSON text with one field set from its control: empty text
 * leaves the argument out, a number field takes only a number (otherwise the
 * text is kept as a string, which the server's check will name).
 */
export function withArgument(argumentsText: string, field: ArgumentField, input: string | boolean): string {
  const args = parseArguments(argumentsText) ?? {};
  const next: Record<string, unknown> = { ...args };
  if (typeof input === 'boolean') next[field.name] = input;
  else if (input === '') delete next[field.name];
  else if (field.kind === 'number' || field.kind === 'integer') {
    const number = Number(input);
    next[field.name] = input.trim() !== '' && Number.isFinite(number) ? number : input;
  } else next[field.name] = input;
  return JSON.stringify(next, null, 2);
}
