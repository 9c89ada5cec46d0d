import type { Tool } from '@mcpulse/contract';
import { describe, expect, it } from 'vitest';
import { RENDER_LIMITS } from '../../src/lib/render-limits.js';
import { hintsOf, parametersOf, toolDescription, toolName } from '../../src/lib/tool-fields.js';

const hostile = (fields: Record<string, unknown>) => fields as unknown as Tool;

describe('reading a tool a server sent', () => {
  it('lists top-level parameters with their types and whether they are required', () => {
    const tool: Tool = {
      name: 'search',
      inputSchema: {
        type: 'object',
        properties: { q: { type: 'string' }, n: { type: ['integer', 'null'] }, any: {} },
        required: ['q'],
      },
    };
    expect(parametersOf(tool, 10)).toEqual({
      shown: [
        { name: 'q', type: 'string', required: true },
        { name: 'n', type: 'integer | null', required: false },
        { name: 'any', type: 'any', required: false },
      ],
      total: 3,
    });
  });

  it('lists at most the cap of a tool with thousands of parameters, and counts them all', () => {
    const properties = Object.fromEntries(
      Array.from({ length: 20_000 }, (_, i) => [`p${i}`, { type: 'string' }]),
    );
    const required = Array.from({ length: 20_000 }, (_, i) => `p${i}`);
    const { shown, total } = parametersOf(
      { name: 'wide', inputSchema: { type: 'object', properties, required } },
      RENDER_LIMITS.parametersPerTool,
    );
    expect(shown).toHaveLength(RENDER_LIMITS.parametersPerTool);
    expect(shown.every((param) => param.required)).toBe(true);
    expect(total).toBe(20_000);
  });

  it('survives a tool of the wrong shape', () => {
    const odd = hostile({
      name: { evil: '<img src=x onerror=alert(1)>' },
      description: { text: 'an object' },
      inputSchema: { properties: ['not', 'a', 'map'], required: 'q', type: 7 },
      annotations: 'readOnlyHint',
    });
    expect(toolName(odd)).toBe('{ "evil": "<img src=x onerror=alert(1)>" }');
    expect(toolDescription(odd)).toBe('{ "text": "an object" }');
    expect(parametersOf(odd, 10)).toEqual({ shown: [], total: 0 });
    expect(hintsOf(odd)).toEqual([]);
    expect(parametersOf(hostile({ name: 'x' }), 10)).toEqual({ shown: [], total: 0 });
    expect(parametersOf(hostile({ name: 'x', inputSchema: 'no' }), 10)).toEqual({ shown: [], total: 0 });
    expect(parametersOf(hostile({ name: 'x', inputSchema: { properties: { a: null } } }), 10).shown).toEqual([
      { name: 'a', type: 'any', required: false },
    ]);
    expect(toolName(null)).toBe('null');
    expect(toolDescription(hostile({ name: 'x', description: '' }))).toBeNull();
  });

  it('reads the behaviour hints declared true', () => {
    const tool: Tool = {
      name: 'x',
      inputSchema: {},
      annotations: { readOnlyHint: true, destructiveHint: false, openWorldHint: 'yes' },
    };
    expect(hintsOf(tool)).toEqual(['readOnlyHint']);
  });
});
