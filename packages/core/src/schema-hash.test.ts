import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Tool } from './probe-result.js';
import { computeSchemaHash, normalizeTools } from './schema-hash.js';

// The expected canonical strings below are written by hand from RFC 8785, so these tests
// check the library choice and the normalization, not the implementation against itself.
function sha256(text: string): string {
  return createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
}

describe('computeSchemaHash', () => {
  it('hashes the hand-written JCS form of a small listing', () => {
    const tools: Tool[] = [
      { name: 'b', description: 'B', inputSchema: { type: 'object' } },
      { name: 'a', inputSchema: {}, _meta: { 'io.example/ttl': 5 } },
    ];
    const canonical =
      '[{"inputSchema":{},"name":"a"},{"description":"B","inputSchema":{"type":"object"},"name":"b"}]';
    expect(computeSchemaHash(tools)).toBe(sha256(canonical));
    // Pinned so a change to the encoding or digest cannot slip through with the helper above.
    expect(computeSchemaHash(tools)).toBe('bd9e94642822ab0718413b3a9e0f414e39b4349ec2d8f66e7331d659808f10bd');
  });

  it('serializes numbers the way ECMAScript does, as JCS requires', () => {
    const tools: Tool[] = [
      {
        name: 'n',
        inputSchema: {
          a: 1e21,
          b: 0.1,
          c: -0,
          d: 1e-7,
          e: 123456789012345680000,
          f: 4.5,
          g: 1e20,
          h: -1.5e-9,
        },
      },
    ];
    const canonical =
      '[{"inputSchema":{"a":1e+21,"b":0.1,"c":0,"d":1e-7,"e":123456789012345680000,"f":4.5,"g":100000000000000000000,"h":-1.5e-9},"name":"n"}]';
    expect(computeSchemaHash(tools)).toBe(sha256(canonical));
  });

  it('sorts nested keys by UTF-16 code units at every depth', () => {
    const tools: Tool[] = [
      {
        name: 't',
        inputSchema: { é: 1, b: { z: true, y: null }, a: [{ d: 1, c: 2 }], A: 'x', '9': 0, '10': 0 },
      },
    ];
    const canonical =
      '[{"inputSchema":{"10":0,"9":0,"A":"x","a":[{"c":2,"d":1}],"b":{"y":null,"z":true},"é":1},"name":"t"}]';
    expect(computeSchemaHash(tools)).toBe(sha256(canonical));
  });

  it('writes non-ASCII text as raw UTF-8 and escapes control characters', () => {
    const tools: Tool[] = [
      { name: 'café', description: 'Prix en € 😀\n\u000f"q"', inputSchema: { title: 'Größe' } },
    ];
    const canonical =
      '[{"description":"Prix en € 😀\\n\\u000f\\"q\\"","inputSchema":{"title":"Größe"},"name":"café"}]';
    expect(computeSchemaHash(tools)).toBe(sha256(canonical));
  });

  it('drops _meta only at the tool level', () => {
    const withMeta: Tool[] = [
      { name: 'x', _meta: { a: 1 }, inputSchema: { _meta: { keep: true } }, annotations: { _meta: 2 } },
    ];
    const canonical = '[{"annotations":{"_meta":2},"inputSchema":{"_meta":{"keep":true}},"name":"x"}]';
    expect(computeSchemaHash(withMeta)).toBe(sha256(canonical));
    const withoutNested: Tool[] = [{ name: 'x', inputSchema: {}, annotations: { _meta: 2 } }];
    expect(computeSchemaHash(withoutNested)).not.toBe(computeSchemaHash(withMeta));
  });

  it('ignores the order the server listed tools in', () => {
    const a: Tool = { name: 'alpha', inputSchema: { type: 'object' } };
    const b: Tool = { name: 'beta', inputSchema: {}, description: 'b' };
    const c: Tool = { name: 'Gamma', inputSchema: {} };
    const hash = computeSchemaHash([a, b, c]);
    expect(computeSchemaHash([c, b, a])).toBe(hash);
    expect(computeSchemaHash([b, a, c])).toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores a changing tool-level _meta but not a changing description', () => {
    const base: Tool = { name: 'a', inputSchema: {}, description: 'one' };
    expect(computeSchemaHash([{ ...base, _meta: { n: 1 } }])).toBe(
      computeSchemaHash([{ ...base, _meta: { n: 2 } }]),
    );
    expect(computeSchemaHash([base])).not.toBe(computeSchemaHash([{ ...base, description: 'two' }]));
  });

  it('hashes an empty listing as the empty array', () => {
    expect(computeSchemaHash([])).toBe(sha256('[]'));
  });
});

describe('normalizeTools', () => {
  it('sorts by UTF-16 code units, not by locale', () => {
    // U+1F600 is a surrogate pair (0xD83D…), which sorts before U+FF5A in code units but after it by code point.
    const names = ['ｚ', 'é', '😀', 'a', 'Z', 'b'];
    const sorted = normalizeTools(names.map((name) => ({ name, inputSchema: {} }))).map((t) => t.name);
    expect(sorted).toEqual(['Z', 'a', 'b', 'é', '😀', 'ｚ']);
  });

  it('orders duplicate names by their canonical JSON, whatever order the server used', () => {
    const tools: Tool[] = [
      { name: 'dup', inputSchema: {}, description: 'second' },
      { name: 'a', inputSchema: {} },
      { name: 'dup', inputSchema: {}, description: 'first' },
    ];
    expect(normalizeTools(tools).map((t) => t.description ?? t.name)).toEqual(['a', 'first', 'second']);
    expect(computeSchemaHash(tools)).toBe(computeSchemaHash([...tools].reverse()));
  });

  it('removes _meta and keeps every other key, without touching the input', () => {
    const input: Tool[] = [
      {
        name: 'b',
        inputSchema: {},
        _meta: { x: 1 },
        title: 'T',
        outputSchema: { type: 'object' },
        'x-extra': [1],
      },
      { name: 'a', inputSchema: {} },
    ];
    const snapshot = structuredClone(input);
    const out = normalizeTools(input);
    expect(out).toEqual([
      { name: 'a', inputSchema: {} },
      { name: 'b', inputSchema: {}, title: 'T', outputSchema: { type: 'object' }, 'x-extra': [1] },
    ]);
    expect(input).toEqual(snapshot);
    expect(Object.hasOwn(out[1] ?? {}, '_meta')).toBe(false);
  });
});
