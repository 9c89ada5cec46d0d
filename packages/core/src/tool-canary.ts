import { z } from 'zod';
import { CANARY_LIMITS } from './domain/canary-values.js';
import { parseJsonPath } from './domain/json-path.js';

/** What the canary expects of the tool's result, besides not being an error (docs/probe.md). */
export type CanaryExpectation =
  | { kind: 'contains'; text: string }
  | { kind: 'json_path'; path: string; equals: unknown };

/**
 * The tool a monitor calls on every check (docs/probe.md, "Tool-call canary").
 * `timeoutMs` null: the call may take whatever is left of the check's deadline.
 * `confirmedNoSideEffects`: the owner vouches that the call changes nothing, which
 * a tool not annotated `readOnlyHint: true` needs before it may be chosen.
 */
export interface ToolCanary {
  tool: string;
  arguments: Record<string, unknown>;
  expect: CanaryExpectation | null;
  timeoutMs: number | null;
  confirmedNoSideEffects: boolean;
}

/**
 * Levels of nesting of a JSON value, counted without recursion (a client may
 * send any depth), stopping as soon as `limit` is passed.
 */
function depthExceeds(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: item, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof item !== 'object' || item === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(item)) stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/** Adds an issue when `value` is nested deeper than the canary allows or its JSON is longer than `maxChars`. */
function checkJsonBounds(value: unknown, maxChars: number, ctx: z.RefinementCtx): void {
  if (depthExceeds(value, CANARY_LIMITS.jsonDepth)) {
    ctx.addIssue({ code: 'custom', message: `must be nested at most ${CANARY_LIMITS.jsonDepth} levels` });
    return;
  }
  const text = JSON.stringify(value);
  if (text === undefined) ctx.addIssue({ code: 'custom', message: 'must be a JSON value' });
  else if (text.length > maxChars) {
    ctx.addIssue({ code: 'custom', message: `must be at most ${maxChars} characters as JSON` });
  }
}

const jsonPath = z
  .string()
  .superRefine((text, ctx) => {
    const parsed = parseJsonPath(text);
    if ('error' in parsed) ctx.addIssue({ code: 'custom', message: parsed.error });
  })
  .describe("A JSON path of the subset $, .name, ['name'] and [index], e.g. $.items[0].id");

/**
 * The canary's schema, strict or not: the API refuses members it does not
 * know, while a probe job from a newer scheduler may carry more than this
 * worker knows, and is still probed.
 */
function canarySchema(strict: boolean) {
  const object = strict ? z.strictObject : z.object;
  const contains = object({
    kind: z.literal('contains'),
    text: z
      .string()
      .min(1)
      .max(CANARY_LIMITS.expectTextChars)
      .describe("Text the result must contain (its text content, and its structuredContent's JSON)"),
  });
  const atPath = object({
    kind: z.literal('json_path'),
    path: jsonPath,
    equals: z
      .unknown()
      .superRefine((value, ctx) => checkJsonBounds(value, CANARY_LIMITS.expectValueChars, ctx))
      .describe(
        'The JSON value the path must name, in structuredContent, else in the first text content parsed as JSON',
      ),
  });
  return object({
    tool: z.string().min(1).max(CANARY_LIMITS.toolNameChars).describe('The name of the tool to call'),
    arguments: z
      .record(z.string(), z.unknown())
      .superRefine((value, ctx) => checkJsonBounds(value, CANARY_LIMITS.argumentsChars, ctx))
      .describe("The call's arguments, validated against the tool's inputSchema when saved"),
    expect: z
      .discriminatedUnion('kind', [contains, atPath])
      .nullable()
      .describe('What the result must show besides not being an error; null for nothing more'),
    timeoutMs: z
      .number()
      .int()
      .min(CANARY_LIMITS.timeoutMs.min)
      .max(CANARY_LIMITS.timeoutMs.max)
      .nullable()
      .describe("The call's own deadline, within the check's; null for whatever the check has left"),
    confirmedNoSideEffects: z
      .boolean()
      .describe(
        'The owner confirms this call has no side effects; required for a tool not annotated readOnlyHint: true',
      ),
  });
}

/** The canary as a client sends and reads it: unknown members are refused. */
export const toolCanarySchema = canarySchema(true).meta({ id: 'ToolCanary' });

/** The canary inside a probe job: unknown members are dropped, so a newer scheduler's job still runs. */
export const toolCanarySpecSchema = canarySchema(false);

/** Deep equality of two JSON values; recursion is bounded by `expected`'s depth (CANARY_LIMITS.jsonDepth). */
export function jsonEquals(expected: unknown, actual: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return expected === actual;
  if (actual === null || typeof actual !== 'object') return false;
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      expected.length === actual.length &&
      expected.every((item, index) => jsonEquals(item, actual[index]))
    );
  }
  if (Array.isArray(actual)) return false;
  const keys = Object.keys(expected);
  const given = actual as Record<string, unknown>;
  return (
    keys.length === Object.keys(given).length &&
    keys.every(
      (key) =>
        Object.hasOwn(given, key) && jsonEquals((expected as Record<string, unknown>)[key], given[key]),
    )
  );
}
