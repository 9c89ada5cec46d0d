import type { Tool } from '@mcpulse/contract';
import { describe, expect, it } from 'vitest';
import { RENDER_LIMITS } from '../../src/lib/render-limits.js';
import { diffLines, diffTools, sideBySide, toolLines, toolRows } from '../../src/lib/side-by-side.js';

/** A tool whose input schema nests `levels` levels of object properties around `leaf`. */
function deepTool(name: string, levels: number, leaf: string): Tool {
  let schema: Record<string, unknown> = { type: leaf };
  for (let i = 0; i < levels; i++) schema = { type: 'object', properties: { p: schema } };
  return { name, inputSchema: schema };
}

/** A tool list of about `megabytes` MB: many tools, each with many described parameters. */
function bigToolList(megabytes: number, variant = ''): Tool[] {
  const tools: Tool[] = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1_000_000; i++) {
    const properties: Record<string, unknown> = {};
    for (let p = 0; p < 40; p++)
      properties[`param_${p}`] = { type: 'string', description: `${variant}${'d'.repeat(200)}` };
    const tool: Tool = {
      name: `tool_${String(i).padStart(5, '0')}`,
      inputSchema: { type: 'object', properties },
    };
    size += JSON.stringify(tool).length;
    tools.push(tool);
  }
  return tools;
}

describe('the side-by-side schema diff', () => {
  it('finds the longest run of common lines', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c']).map((op) => op.kind)).toEqual([
      'same',
      'del',
      'add',
      'same',
    ]);
  });

  it('puts a changed line beside its replacement and pads the shorter side', () => {
    const rows = sideBySide(
      ['{', '  "q": "string"', '}'],
      ['{', '  "q": "number",', '  "n": "integer"', '}'],
    );
    expect(rows.map((row) => [row.left?.text ?? null, row.right?.text ?? null])).toEqual([
      ['{', '{'],
      ['  "q": "string"', '  "q": "number",'],
      [null, '  "n": "integer"'],
      ['}', '}'],
    ]);
    expect(rows[1]).toMatchObject({
      left: { number: 2, changed: true },
      right: { number: 2, changed: true },
    });
    expect(rows[3]).toMatchObject({
      left: { number: 3, changed: false },
      right: { number: 4, changed: false },
    });
  });

  it('orders a tool name first and its other keys alphabetically, whatever order the server used', () => {
    const tool = { inputSchema: { type: 'object', properties: {} }, description: 'd', name: 'n' } as Tool;
    expect(toolLines(tool).slice(1, 4)).toEqual([
      '  "name": "n",',
      '  "description": "d",',
      '  "inputSchema": {',
    ]);
  });

  it('classifies each tool of either side', () => {
    const schema = (props: Record<string, unknown>) => ({ type: 'object', properties: props });
    const before: Tool[] = [
      { name: 'gone', inputSchema: schema({}) },
      { name: 'same', inputSchema: schema({}) },
      { name: 'edited', description: 'old', inputSchema: schema({ a: { type: 'string' } }) },
    ];
    const after: Tool[] = [
      { name: 'same', inputSchema: schema({}) },
      { name: 'edited', description: 'new', inputSchema: schema({ a: { type: 'string' } }) },
      { name: 'fresh', inputSchema: schema({}) },
    ];
    const diff = diffTools(before, after);
    expect(diff.map((tool) => [tool.name, tool.change])).toEqual([
      ['edited', 'changed'],
      ['fresh', 'added'],
      ['gone', 'removed'],
      ['same', 'unchanged'],
    ]);
    const edited = toolRows(diff[0]!).rows.filter((row) => row.left?.changed || row.right?.changed);
    expect(edited).toEqual([
      {
        left: { number: 3, text: '  "description": "old",', changed: true, note: false },
        right: { number: 3, text: '  "description": "new",', changed: true, note: false },
      },
    ]);
    expect(toolRows(diff[1]!).rows.every((row) => row.left === null && row.right?.changed)).toBe(true);
  });

  it('diffs tools nested 1,500 levels deep, drawing them to the depth limit', () => {
    const before = [deepTool('deep', 1_500, 'string')];
    const after = [deepTool('deep', 1_500, 'number')];
    const [tool] = diffTools(before, after);
    expect(tool?.change).toBe('changed');
    const { rows, truncated, differsUnseen } = toolRows(tool!);
    expect(truncated).toBe(true);
    // The change is 3,000 JSON levels down: far past what is drawn, and said so.
    expect(differsUnseen).toBe(true);
    expect(rows.length).toBeLessThan(RENDER_LIMITS.jsonDepth * 4);
    const notes = rows.filter((row) => row.left?.note);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.left?.text.trim()).toMatch(/^… 2,97\d more levels not shown$/);
    expect(notes[0]?.left?.changed).toBe(false);
  });

  it('marks a change within the drawn depth of a deep tool', () => {
    const before = deepTool('deep', 1_500, 'string');
    const after = { ...before, inputSchema: { ...before.inputSchema, type: 'array' } };
    const { rows, differsUnseen } = toolRows(diffTools([before], [after])[0]!);
    expect(differsUnseen).toBe(false);
    expect(rows.filter((row) => row.left?.changed).map((row) => row.left?.text)).toEqual([
      '    "type": "object"',
    ]);
  });

  it('classifies multi-megabyte tool lists without drawing them, and draws one tool within the limits', () => {
    const before = bigToolList(3);
    const after = bigToolList(3);
    after[7] = { ...after[7]!, description: 'now with a description' };
    const huge: Tool = {
      name: 'tool_00003',
      inputSchema: {
        type: 'object',
        properties: Object.fromEntries(
          Array.from({ length: 10_000 }, (_, i) => [
            `p${i}`,
            { type: 'string', description: 'x'.repeat(300) },
          ]),
        ),
      },
    };
    after[3] = huge;
    const diff = diffTools(before, after);
    expect(diff.length).toBe(before.length);
    expect(diff.filter((tool) => tool.change === 'changed').map((tool) => tool.name)).toEqual([
      'tool_00003',
      'tool_00007',
    ]);
    const drawn = toolRows(diff.find((tool) => tool.name === 'tool_00003')!);
    expect(drawn.truncated).toBe(true);
    expect(drawn.rows.length).toBeLessThanOrEqual(2 * (RENDER_LIMITS.jsonLines + 1));
    expect(drawn.rows.filter((row) => row.right?.note).at(-1)?.right?.text).toMatch(/more values not shown$/);
  });

  it('keys tools by a readable name, whatever the server sent as a name', () => {
    const odd = [
      { name: { evil: true }, inputSchema: {} },
      { name: 42, inputSchema: {} },
    ] as unknown as Tool[];
    expect(diffTools([], odd).map((tool) => tool.name)).toEqual(['42', '{ "evil": true }']);
  });
});
