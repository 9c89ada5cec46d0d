import { describe, expect, it } from 'vitest';
import { publishedToolSchema, readStoredTools } from './stored-tools.js';

describe('readStoredTools', () => {
  it('reads tools stored in a bad shape as the published shape, keeping what conforms', () => {
    const stored = [
      { name: 'search', description: { text: 'not a string' }, inputSchema: { type: 'object' }, extra: 1 },
      { name: 42, inputSchema: [] },
      'not a tool',
      { name: 'ok', title: 'OK', annotations: ['x'], icons: ['i.png'], outputSchema: 'o', _meta: null },
    ];
    const tools = readStoredTools(stored);
    expect(tools).toEqual([
      { name: 'search', inputSchema: { type: 'object' }, extra: 1 },
      { name: 'tools[1]', inputSchema: {} },
      { name: 'tools[2]', inputSchema: {} },
      { name: 'ok', title: 'OK', inputSchema: {} },
    ]);
    for (const tool of tools) expect(publishedToolSchema.safeParse(tool).success).toBe(true);
  });

  it('reads anything that is not a list as no tools', () => {
    expect(readStoredTools(null)).toEqual([]);
    expect(readStoredTools({ name: 'x' })).toEqual([]);
  });
});
