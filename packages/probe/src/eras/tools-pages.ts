import type { Tool } from '@mcpulse/core';
import { ProbeFailure } from '../probe-failure.js';
import type { CheckContext } from '../wire/check-context.js';
import type { JsonObject } from '../wire/json-rpc.js';
import { validTool } from './tool-shape.js';

/**
 * Follows `nextCursor` until it is absent. A repeated cursor or more pages than
 * the limit is a protocol violation: an agent following it would never finish.
 */
export async function collectToolPages(
  ctx: CheckContext,
  fetchPage: (cursor: string | undefined) => Promise<JsonObject>,
): Promise<Tool[]> {
  const tools: Tool[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 1; ; page++) {
    const result = await fetchPage(cursor);
    if (!Array.isArray(result.tools)) {
      throw new ProbeFailure(
        'protocol_violation',
        ctx.phase,
        `tools/list result has no "tools" array (page ${page})`,
      );
    }
    for (const value of result.tools) tools.push(validTool(ctx, value, tools.length));
    const next = result.nextCursor;
    if (next === undefined || next === null) return tools;
    if (typeof next !== 'string') {
      throw new ProbeFailure('protocol_violation', ctx.phase, 'tools/list nextCursor is not a string');
    }
    if (seen.has(next)) {
      throw new ProbeFailure(
        'protocol_violation',
        ctx.phase,
        `tools/list cursor loop: cursor seen twice on page ${page}`,
      );
    }
    if (page >= ctx.limits.maxPages) {
      throw new ProbeFailure(
        'protocol_violation',
        ctx.phase,
        `tools/list has more than ${ctx.limits.maxPages} pages`,
      );
    }
    seen.add(next);
    cursor = next;
  }
}
