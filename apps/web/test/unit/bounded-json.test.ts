import { describe, expect, it } from 'vitest';
import { boundedJson, compactJson, countValues, depthOf, isNoteLine } from '../../src/lib/bounded-json.js';
import { RENDER_LIMITS } from '../../src/lib/render-limits.js';

/** `{ "type": "object", "properties": { "p": … } }` nested `levels` times around a string schema. */
function nestedSchema(levels: number): Record<string, unknown> {
  let schema: Record<string, unknown> = { type: 'string' };
  for (let i = 0; i < levels; i++) schema = { type: 'object', properties: { p: schema } };
  return schema;
}

function nestedArrays(levels: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < levels; i++) value = [value];
  return value;
}

describe('boundedJson', () => {
  it('draws an ordinary value exactly as JSON.stringify indents it', () => {
    const samples = [
      null,
      0,
      -1.5,
      'text with "quotes" and \\ and <b>markup</b>',
      [],
      {},
      [1, 'two', null, true, { three: [3] }],
      {
        name: 'search',
        inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
      },
    ];
    for (const sample of samples) {
      const { lines, truncated } = boundedJson(sample);
      expect(lines.join('\n')).toBe(JSON.stringify(sample, null, 2));
      expect(truncated).toBe(false);
    }
  });

  it('draws a schema nested 1,500 levels deep to the depth limit and says how many levels it left out', () => {
    const schema = nestedSchema(1_500);
    const { lines, truncated } = boundedJson(schema);
    expect(truncated).toBe(true);
    const notes = lines.filter(isNoteLine);
    // Each level of the schema is two JSON levels (the schema and its properties).
    const hidden = depthOf(schema, Number.POSITIVE_INFINITY).depth - RENDER_LIMITS.jsonDepth;
    expect(hidden).toBe(3_001 - RENDER_LIMITS.jsonDepth);
    expect(notes).toEqual([`${'  '.repeat(RENDER_LIMITS.jsonDepth + 1)}… 2,977 more levels not shown`]);
    expect(lines.length).toBeLessThan(RENDER_LIMITS.jsonDepth * 4);
    expect(lines[0]).toBe('{');
    expect(lines.at(-1)).toBe('}');
  });

  it('draws values far deeper than JSON.stringify can handle', () => {
    const deep = nestedArrays(200_000);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    const { lines } = boundedJson(deep);
    expect(lines.filter(isNoteLine)).toEqual([
      `${'  '.repeat(RENDER_LIMITS.jsonDepth + 1)}… ${(200_000 - RENDER_LIMITS.jsonDepth).toLocaleString('en-US')} more levels not shown`,
    ]);
    expect(depthOf(deep, Number.POSITIVE_INFINITY)).toEqual({ depth: 200_000, exact: true });
  });

  it('stops a multi-megabyte value at the line and character limits and counts what is left', () => {
    const properties: Record<string, unknown> = {};
    for (let i = 0; i < 20_000; i++) {
      properties[`field_${String(i).padStart(5, '0')}`] = { type: 'string', description: 'x'.repeat(150) };
    }
    const huge = { type: 'object', properties };
    expect(JSON.stringify(huge).length).toBeGreaterThan(3_000_000);
    const { lines, truncated } = boundedJson(huge);
    expect(truncated).toBe(true);
    expect(lines.length).toBeLessThanOrEqual(RENDER_LIMITS.jsonLines + 1);
    expect(lines.join('\n').length).toBeLessThan(RENDER_LIMITS.jsonChars + 2_000);
    const note = lines.at(-1) as string;
    expect(note).toMatch(/^ +… [\d,]+ more values not shown$/);
    // Drawn so far: whole fields of three lines each and perhaps one field cut after its opening line.
    const drawnFields = lines.filter((line) => /^ {4}"field_/.test(line)).length;
    const left = Number(note.replace(/\D/g, ''));
    const wholeLeft = (20_000 - drawnFields) * 3;
    expect([wholeLeft, wholeLeft + 1, wholeLeft + 2]).toContain(left);
  });

  it('cuts a long string and says how much it left out, without splitting a surrogate pair', () => {
    const max = RENDER_LIMITS.jsonStringChars;
    const text = `${'a'.repeat(max - 1)}😀${'b'.repeat(10_000)}`;
    const [line] = boundedJson({ d: text }).lines.slice(1, 2);
    expect(line).toBe(
      `  "d": "${'a'.repeat(max - 1)}…" // ${(10_002).toLocaleString('en-US')} more characters not shown`,
    );
    expect(line).not.toContain('\ud83d');
  });

  it('cuts a long key', () => {
    const key = 'k'.repeat(50_000);
    const { lines, truncated } = boundedJson({ [key]: 1 });
    expect(truncated).toBe(true);
    expect(lines[1]).toBe(`  "${'k'.repeat(RENDER_LIMITS.jsonStringChars)}…": 1`);
  });

  it('sorts keys on request, with chosen keys first at the top level only', () => {
    const value = { z: 1, inputSchema: { z: 1, name: 2, a: 3 }, name: 'n', a: 2 };
    const { lines } = boundedJson(value, { sortKeys: true, firstKeys: ['name', 'inputSchema'] });
    expect(lines).toEqual([
      '{',
      '  "name": "n",',
      '  "inputSchema": {',
      '    "a": 3,',
      '    "name": 2,',
      '    "z": 1',
      '  },',
      '  "a": 2,',
      '  "z": 1',
      '}',
    ]);
  });

  it('says "more than" when measuring what was left out would cost more than drawing', () => {
    const wide = Array.from({ length: 5_000 }, (_, i) => i);
    const { lines } = boundedJson(wide, { limits: { lines: 10, measure: 100 } });
    expect(lines.at(-1)).toBe('  … more than 100 more values not shown');
    const deep = nestedArrays(1_000);
    expect(boundedJson(deep, { limits: { depth: 2, measure: 50 } }).lines.filter(isNoteLine)).toEqual([
      '      … more than 50 more levels not shown',
    ]);
  });

  it('escapes what it draws as JSON, so markup and control characters stay text', () => {
    const { lines } = boundedJson({ name: '</pre><script>alert(1)</script>\u0000\u2028' });
    expect(lines[1]).toBe('  "name": "</pre><script>alert(1)</script>\\u0000\u2028"');
  });
});

describe('countValues and depthOf', () => {
  it('count every value inside, and levels of nesting', () => {
    expect(countValues([{ a: [1, 2], b: null }], 1_000)).toEqual({ count: 5, exact: true });
    expect(countValues([[1, 2, 3]], 2)).toEqual({ count: 2, exact: false });
    expect(depthOf('x', 10)).toEqual({ depth: 0, exact: true });
    expect(depthOf({ a: { b: [] } }, 10)).toEqual({ depth: 3, exact: true });
  });
});

describe('compactJson', () => {
  it('draws a value on one line, cut to the given length', () => {
    expect(compactJson({ text: 'hi', n: [1, 2] }, 100)).toBe('{ "text": "hi", "n": [ 1, 2 ] }');
    expect(compactJson(nestedArrays(10_000), 40)).toHaveLength(41);
  });
});
