import { secretScrubber, storableText, type Tool, type ToolCanary, ValidationFailed } from '@mcpulse/core';
import { checkArguments } from './argument-check.js';

/** What a refusal quotes of the server's own words (tool names, schema messages): a short, scrubbed excerpt. */
const QUOTE_CHARS = 200;

/** A JSON pointer into the arguments as the dotted field the API names: `/a/0/b~1c` → `canary.arguments.a.0.b/c`. */
function argumentField(pointer: string): string {
  const steps = pointer
    .split('/')
    .slice(1)
    .map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'));
  return ['canary.arguments', ...steps].join('.');
}

/**
 * Whether `canary` may be saved against the tools the server lists: the tool
 * is listed; it is annotated `readOnlyHint: true`, or the owner confirmed the
 * call has no side effects; its arguments are valid against its inputSchema.
 * Throws ValidationFailed naming the field at fault. `secrets` (the monitor's
 * header values) are scrubbed from what the server's words put in a message.
 */
export async function acceptCanary(
  canary: ToolCanary,
  tools: readonly Tool[],
  secrets: readonly string[],
): Promise<void> {
  const quote = (text: string) => storableText(text, QUOTE_CHARS, secretScrubber(secrets));
  const tool = tools.find((entry) => entry.name === canary.tool);
  if (!tool) {
    const names = tools.map((entry) => entry.name).join(', ');
    throw new ValidationFailed(
      'canary.tool',
      `canary.tool: the server lists no tool "${quote(canary.tool)}"${names ? `; it lists: ${quote(names)}` : ''}`,
    );
  }
  if (tool.annotations?.readOnlyHint !== true && !canary.confirmedNoSideEffects) {
    throw new ValidationFailed(
      'canary.confirmedNoSideEffects',
      `canary.confirmedNoSideEffects: tool "${quote(tool.name)}" is not annotated readOnlyHint: true, so calling it on every check may change something; set this to true to confirm the call has no side effects`,
    );
  }
  const verdict = await checkArguments(tool.inputSchema, canary.arguments);
  if ('unusable' in verdict) {
    throw new ValidationFailed(
      'canary.tool',
      `canary.tool: the inputSchema of tool "${quote(tool.name)}" cannot be used to check the arguments: ${quote(verdict.unusable)}`,
    );
  }
  if (!verdict.valid) {
    const field = argumentField(verdict.problem.path);
    throw new ValidationFailed(quote(field), `${quote(field)}: ${quote(verdict.problem.message)}`);
  }
}
