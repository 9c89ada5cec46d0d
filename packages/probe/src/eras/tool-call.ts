import { jsonEquals, type Tool } from '@mcpulse/core';
import { CANARY_LIMITS, type JsonPathStep, parseJsonPath, valueAtJsonPath } from '@mcpulse/core/domain';
import { ProbeFailure } from '../probe-failure.js';
import type { CanaryCall } from '../probe-options.js';
import type { CheckContext } from '../wire/check-context.js';
import { excerpt, isObject, type JsonObject } from '../wire/json-rpc.js';

/**
 * Sent in the call's `_meta`, so that a server reporting progress does: the
 * probe reads those notifications (and anything else on the stream) until the
 * response, under the body limits.
 */
export const CANARY_PROGRESS_TOKEN = 'mcpulse-canary';

/** The `tools/call` params of the canary; `meta` is the era's own `_meta` (the modern envelope). */
export function toolCallParams(canary: CanaryCall, meta: JsonObject = {}): JsonObject {
  return {
    name: canary.tool,
    arguments: canary.arguments,
    _meta: { ...meta, progressToken: CANARY_PROGRESS_TOKEN },
  };
}

/** JSON text of a value a server sent, which may be nested too deeply to serialize. */
function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return '[nested too deeply to show]';
  }
}

function toolLabel(ctx: CheckContext, name: string): string {
  return `tool ${JSON.stringify(excerpt(ctx, name, 64))}`;
}

function expectationFailed(message: string): ProbeFailure {
  return new ProbeFailure('expectation_failed', 'tool_call', message);
}

/** The value the JSON path is read in: structuredContent, else the first text content parsed as JSON. */
function pathSource(label: string, result: JsonObject, texts: string[]): { value: unknown; where: string } {
  if (result.structuredContent !== undefined && result.structuredContent !== null) {
    return { value: result.structuredContent, where: 'structuredContent' };
  }
  const first = texts[0];
  if (first === undefined) {
    throw expectationFailed(`${label}: the result has neither structuredContent nor text content`);
  }
  try {
    return { value: JSON.parse(first), where: 'the first text content' };
  } catch {
    throw expectationFailed(
      `${label}: the result has no structuredContent and its first text content is not JSON`,
    );
  }
}

function checkExpectation(ctx: CheckContext, canary: CanaryCall, result: JsonObject, texts: string[]): void {
  const expect = canary.expect;
  if (!expect) return;
  const label = toolLabel(ctx, canary.tool);
  if (expect.kind === 'contains') {
    const structured = result.structuredContent === undefined ? [] : [jsonText(result.structuredContent)];
    if ([...texts, ...structured].join('\n').includes(expect.text)) return;
    const shown = texts.length > 0 ? excerpt(ctx, texts.join(' '), CANARY_LIMITS.excerptChars) : '(no text)';
    throw expectationFailed(
      `${label}: the result does not contain ${JSON.stringify(excerpt(ctx, expect.text, 80))}; it reads: ${shown}`,
    );
  }
  const parsed = parseJsonPath(expect.path);
  const steps: JsonPathStep[] = 'steps' in parsed ? parsed.steps : [];
  const source = pathSource(label, result, texts);
  const found = valueAtJsonPath(source.value, steps);
  const path = excerpt(ctx, expect.path, 80);
  if (!found.found) throw expectationFailed(`${label}: ${path} names nothing in ${source.where}`);
  if (jsonEquals(expect.equals, found.value)) return;
  throw expectationFailed(
    `${label}: ${path} in ${source.where} is ${excerpt(ctx, jsonText(found.value), 200)}, not ${excerpt(ctx, jsonText(expect.equals), 200)}`,
  );
}

/**
 * Judges a `tools/call` result: a result that is not the MCP `CallToolResult`
 * shape is a protocol violation, `isError: true` is `tool_error` with an
 * excerpt of the tool's text, and an expectation the result does not meet is
 * `expectation_failed`.
 */
export function checkToolResult(ctx: CheckContext, canary: CanaryCall, result: JsonObject): void {
  const label = toolLabel(ctx, canary.tool);
  if (!Array.isArray(result.content)) {
    throw new ProbeFailure(
      'protocol_violation',
      'tool_call',
      `${label}: tools/call result has no content array`,
    );
  }
  const texts = result.content
    .filter(
      (item): item is JsonObject => isObject(item) && item.type === 'text' && typeof item.text === 'string',
    )
    .map((item) => item.text as string);
  if (result.isError === true) {
    const said = texts.length > 0 ? excerpt(ctx, texts.join(' '), CANARY_LIMITS.excerptChars) : '(no text)';
    throw new ProbeFailure('tool_error', 'tool_call', `${label} answered with isError: ${said}`);
  }
  checkExpectation(ctx, canary, result, texts);
}

/**
 * The canary step of an era, after its listing: the caller's `beforeCall`
 * (off the clock), then the call under its own deadline, then the verdict. A
 * declared but empty listing is left to `no_tools`: there is nothing to call.
 */
export async function runCanary(
  ctx: CheckContext,
  canary: CanaryCall | null,
  tools: Tool[] | null,
  call: (tool: Tool, canary: CanaryCall) => Promise<JsonObject>,
): Promise<void> {
  if (!canary || (tools !== null && tools.length === 0)) return;
  const listed = tools ?? [];
  const beforeCall = canary.beforeCall;
  if (beforeCall) await ctx.clock.untimed(async () => beforeCall(listed));
  ctx.enterPhase('tool_call');
  const tool = listed.find((entry) => entry.name === canary.tool);
  if (!tool) {
    throw new ProbeFailure(
      'tool_error',
      'tool_call',
      `${toolLabel(ctx, canary.tool)} is not in the server's tools/list, so it was not called`,
    );
  }
  if (canary.timeoutMs) {
    ctx.limitDeadline(canary.timeoutMs, `the tool call's own ${canary.timeoutMs} ms deadline`);
  }
  checkToolResult(ctx, canary, await call(tool, canary));
}
