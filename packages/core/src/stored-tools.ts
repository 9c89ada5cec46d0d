import { z } from 'zod';
import type { Tool } from './probe-result.js';

/** The MCP `Tool` as mcpulse publishes it (API answers, snapshots); members it does not know pass through. */
export const publishedToolSchema = z.looseObject({
  name: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  inputSchema: z.record(z.string(), z.unknown()),
  outputSchema: z.record(z.string(), z.unknown()).optional(),
  annotations: z.record(z.string(), z.unknown()).optional(),
  icons: z.array(z.record(z.string(), z.unknown())).optional(),
  _meta: z.record(z.string(), z.unknown()).optional(),
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const STRING_MEMBERS = ['title', 'description'] as const;
const OBJECT_MEMBERS = ['outputSchema', 'annotations', '_meta'] as const;

/**
 * Stored tools in the published shape, whatever was stored: rows written
 * before tool entries were checked at the probe may hold a description that
 * is an object or a name that is a number. What cannot be read as its member
 * is left out (a name becomes the tool's position), so a read never fails.
 */
export function readStoredTools(value: unknown): Tool[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry, index) => {
    const stored = isRecord(entry) ? entry : {};
    const tool: Tool = {
      ...stored,
      name: typeof stored.name === 'string' ? stored.name : `tools[${index}]`,
      inputSchema: isRecord(stored.inputSchema) ? stored.inputSchema : {},
    };
    for (const member of STRING_MEMBERS)
      if (member in tool && typeof tool[member] !== 'string') delete tool[member];
    for (const member of OBJECT_MEMBERS) if (member in tool && !isRecord(tool[member])) delete tool[member];
    if ('icons' in tool && !(Array.isArray(tool.icons) && tool.icons.every(isRecord))) delete tool.icons;
    return tool;
  });
}
