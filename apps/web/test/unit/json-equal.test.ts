import { describe, expect, it } from 'vitest';
import { sameJson } from '../../src/lib/json-equal.js';

function nested(levels: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = { p: value };
  return value;
}

describe('sameJson', () => {
  it('compares JSON values, object keys in any order', () => {
    expect(sameJson({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ 0: 'x' }, ['x'])).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson('1', 1)).toBe(false);
  });

  it('compares values nested far deeper than the call stack allows', () => {
    expect(sameJson(nested(200_000, 'x'), nested(200_000, 'x'))).toBe(true);
    expect(sameJson(nested(200_000, 'x'), nested(200_000, 'y'))).toBe(false);
  });
});
