import { describe, expect, it } from 'vitest';
import { CANARY_LIMITS } from './domain/canary-values.js';
import { parseJsonPath, valueAtJsonPath } from './domain/json-path.js';

function steps(text: string) {
  const parsed = parseJsonPath(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.steps;
}

describe('JSON paths of a canary expectation', () => {
  it('parse the documented subset', () => {
    expect(steps('$')).toEqual([]);
    expect(steps('$.a.b[0]')).toEqual([{ member: 'a' }, { member: 'b' }, { index: 0 }]);
    expect(steps(`$['a key']["b\\"q"][12]`)).toEqual([{ member: 'a key' }, { member: 'b"q' }, { index: 12 }]);
    expect(steps('$.items[3].$ref_1')).toEqual([{ member: 'items' }, { index: 3 }, { member: '$ref_1' }]);
  });

  it('refuse everything else, saying where', () => {
    for (const bad of ['a.b', '$.', '$..a', '$.a[*]', '$[-1]', '$[01]', '$.a[?(@.x)]', '$.a b', "$['a]"]) {
      expect(parseJsonPath(bad), bad).toHaveProperty('error');
    }
    expect(parseJsonPath('x')).toEqual({ error: 'must start with $' });
    expect(parseJsonPath(`$${'.a'.repeat(CANARY_LIMITS.jsonPathSteps + 1)}`)).toHaveProperty('error');
    expect(parseJsonPath(`$.${'a'.repeat(CANARY_LIMITS.jsonPathChars)}`)).toHaveProperty('error');
  });

  it('name one value, or none', () => {
    const root = { a: { b: [10, { c: null }] }, list: [] };
    expect(valueAtJsonPath(root, steps('$.a.b[0]'))).toEqual({ found: true, value: 10 });
    expect(valueAtJsonPath(root, steps('$.a.b[1].c'))).toEqual({ found: true, value: null });
    expect(valueAtJsonPath(root, steps('$'))).toEqual({ found: true, value: root });
    expect(valueAtJsonPath(root, steps('$.a.b[2]'))).toEqual({ found: false });
    expect(valueAtJsonPath(root, steps('$.a[0]'))).toEqual({ found: false });
    expect(valueAtJsonPath(root, steps('$.list.length'))).toEqual({ found: false });
    expect(valueAtJsonPath(root, steps('$.toString'))).toEqual({ found: false });
  });
});
