import { CANARY_LIMITS } from './canary-values.js';

/** One step of a JSON path: a member name or an array index. */
export type JsonPathStep = { member: string } | { index: number };

export type JsonPathParse = { steps: JsonPathStep[] } | { error: string };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*/;

/**
 * Parses the small JSON path subset a canary expectation may use: `$`, then
 * any number of `.name`, `['name']` / `["name"]` and `[index]` steps, e.g.
 * `$.items[0].id` or `$['a key'][2]`. No wildcards, filters, slices or
 * recursive descent: one path names at most one value.
 */
export function parseJsonPath(text: string): JsonPathParse {
  if (text.length > CANARY_LIMITS.jsonPathChars) {
    return { error: `must be at most ${CANARY_LIMITS.jsonPathChars} characters` };
  }
  if (!text.startsWith('$')) return { error: 'must start with $' };
  const steps: JsonPathStep[] = [];
  let rest = text.slice(1);
  while (rest.length > 0) {
    if (steps.length >= CANARY_LIMITS.jsonPathSteps) {
      return { error: `must have at most ${CANARY_LIMITS.jsonPathSteps} steps` };
    }
    if (rest.startsWith('.')) {
      const name = IDENTIFIER.exec(rest.slice(1))?.[0];
      if (!name) return { error: `expected a member name after "." at "${rest.slice(0, 20)}"` };
      steps.push({ member: name });
      rest = rest.slice(1 + name.length);
      continue;
    }
    const index = /^\[(0|[1-9][0-9]{0,8})\]/.exec(rest);
    if (index) {
      steps.push({ index: Number(index[1]) });
      rest = rest.slice(index[0].length);
      continue;
    }
    const quoted = /^\[(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/.exec(rest);
    if (quoted) {
      const raw = quoted[1] ?? quoted[2] ?? '';
      steps.push({ member: raw.replace(/\\(.)/g, '$1') });
      rest = rest.slice(quoted[0].length);
      continue;
    }
    return { error: `unexpected "${rest.slice(0, 20)}": use .name, ['name'] or [index]` };
  }
  return { steps };
}

/** The value a parsed path names in `root`, or `found: false` when a step does not exist. */
export function valueAtJsonPath(
  root: unknown,
  steps: readonly JsonPathStep[],
): { found: true; value: unknown } | { found: false } {
  let node = root;
  for (const step of steps) {
    if ('index' in step) {
      if (!Array.isArray(node) || step.index >= node.length) return { found: false };
      node = node[step.index];
    } else {
      if (typeof node !== 'object' || node === null || Array.isArray(node)) return { found: false };
      if (!Object.hasOwn(node, step.member)) return { found: false };
      node = (node as Record<string, unknown>)[step.member];
    }
  }
  return { found: true, value: node };
}
