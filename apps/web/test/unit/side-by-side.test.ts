import { describe, expect, it } from 'vitest';
import type { Tool } from '../../src/api/types.js';
import { diffLines, diffTools, sideBySide, toolLines } from '../../src/lib/side-by-side.js';

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
    const edited = diff[0]!.rows.filter((row) => row.left?.changed || row.right?.changed);
    expect(edited).toEqual([
      {
        left: { number: 3, text: '  "description": "old",', changed: true },
        right: { number: 3, text: '  "description": "new",', changed: true },
      },
    ]);
    expect(diff[1]!.rows.every((row) => row.left === null && row.right?.changed)).toBe(true);
  });
});
