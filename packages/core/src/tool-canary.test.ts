import { describe, expect, it } from 'vitest';
import { CANARY_LIMITS } from './domain/canary-values.js';
import { jsonEquals, toolCanarySchema, toolCanarySpecSchema } from './tool-canary.js';

const canary = {
  tool: 'search',
  arguments: { q: 'status' },
  expect: { kind: 'json_path', path: '$.items[0].id', equals: { n: [1, 2] } },
  timeoutMs: 2_000,
  confirmedNoSideEffects: false,
};

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('the canary schema', () => {
  it('takes a canary as documented', () => {
    expect(toolCanarySchema.parse(canary)).toEqual(canary);
    expect(toolCanarySchema.parse({ ...canary, expect: { kind: 'contains', text: 'ok' } }).expect).toEqual({
      kind: 'contains',
      text: 'ok',
    });
  });

  it('names the field at fault', () => {
    const problems = (value: unknown) =>
      toolCanarySchema.safeParse(value).error?.issues.map((issue) => issue.path.join('.')) ?? [];
    expect(problems({ ...canary, expect: { kind: 'json_path', path: 'items', equals: 1 } })).toEqual([
      'expect.path',
    ]);
    expect(problems({ ...canary, expect: { kind: 'json_path', path: '$.a' } })).toEqual(['expect.equals']);
    expect(problems({ ...canary, arguments: { deep: nested(CANARY_LIMITS.jsonDepth + 1) } })).toEqual([
      'arguments',
    ]);
    expect(problems({ ...canary, arguments: { big: 'x'.repeat(CANARY_LIMITS.argumentsChars) } })).toEqual([
      'arguments',
    ]);
    expect(problems({ ...canary, timeoutMs: 10 })).toEqual(['timeoutMs']);
    expect(problems({ ...canary, tool: '' })).toEqual(['tool']);
    expect(problems({ ...canary, extra: true })).toEqual(['']);
    expect(problems({ ...canary, expect: { kind: 'contains', text: 'a', more: 1 } })).toEqual(['expect']);
  });

  it('in a probe job, drops members it does not know', () => {
    expect(toolCanarySpecSchema.parse({ ...canary, newer: 1 })).toEqual(canary);
  });
});

describe('jsonEquals', () => {
  it('compares JSON values deeply, member order aside', () => {
    expect(jsonEquals({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(jsonEquals({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(jsonEquals({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEquals([1, 2], [1, 2, 3])).toBe(false);
    expect(jsonEquals([1], { 0: 1 })).toBe(false);
    expect(jsonEquals(null, null)).toBe(true);
    expect(jsonEquals(null, {})).toBe(false);
    expect(jsonEquals('1', 1)).toBe(false);
  });
});
