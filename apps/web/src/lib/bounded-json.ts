import { boundText } from './bounded-text.js';
import { formatCount } from './format.js';
import { RENDER_LIMITS } from './render-limits.js';

export interface JsonLimits {
  /** Nesting levels drawn. */
  depth: number;
  lines: number;
  chars: number;
  /** Characters of one string or key. */
  stringChars: number;
  /** Values visited to measure what was left out. */
  measure: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = {
  depth: RENDER_LIMITS.jsonDepth,
  lines: RENDER_LIMITS.jsonLines,
  chars: RENDER_LIMITS.jsonChars,
  stringChars: RENDER_LIMITS.jsonStringChars,
  measure: RENDER_LIMITS.measureValues,
};

export interface JsonPrintOptions {
  limits?: Partial<JsonLimits>;
  /** Sort object keys by code unit, so two versions of a value line up line by line. */
  sortKeys?: boolean;
  /** With `sortKeys`, these keys of the top-level object come first, in this order. */
  firstKeys?: readonly string[];
}

export interface BoundedJson {
  /** Indented like `JSON.stringify(value, null, 2)`; a line starting with "…" says what was left out. */
  lines: string[];
  /** Something was left out. */
  truncated: boolean;
}

/** A note line: what a rendering left out, never part of the value itself. */
export function isNoteLine(line: string): boolean {
  return line.trimStart().startsWith('…');
}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

function childrenOf(value: Container): unknown[] {
  return Array.isArray(value) ? value : Object.values(value);
}

/** How many levels a value nests (a scalar 0, `{}` 1), looking at no more than `budget` containers. */
export function depthOf(value: unknown, budget: number): { depth: number; exact: boolean } {
  let deepest = 0;
  let visited = 0;
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [current, above] = pending.pop() as [unknown, number];
    if (!isContainer(current)) continue;
    if (++visited > budget) return { depth: deepest, exact: false };
    deepest = Math.max(deepest, above + 1);
    for (const child of childrenOf(current)) if (isContainer(child)) pending.push([child, above + 1]);
  }
  return { depth: deepest, exact: true };
}

/** How many values the given ones hold, themselves and everything inside, counting at most `budget`. */
export function countValues(values: readonly unknown[], budget: number): { count: number; exact: boolean } {
  let count = 0;
  const pending = [...values];
  while (pending.length > 0) {
    if (++count > budget) return { count: budget, exact: false };
    const current = pending.pop();
    if (isContainer(current)) for (const child of childrenOf(current)) pending.push(child);
  }
  return { count, exact: true };
}

function plural(count: number, exact: boolean, one: string, many: string): string {
  return `${exact ? '' : 'more than '}${formatCount(count)} more ${count === 1 && exact ? one : many}`;
}

function stringLiteral(value: string, max: number): { text: string; cut: number } {
  const { text, cut } = boundText(value, max);
  return { text: JSON.stringify(cut > 0 ? `${text}…` : text), cut };
}

function scalarLiteral(value: unknown, max: number): { text: string; cut: number } {
  if (typeof value === 'string') return stringLiteral(value, max);
  if (typeof value === 'number') return { text: Number.isFinite(value) ? String(value) : 'null', cut: 0 };
  if (typeof value === 'boolean' || typeof value === 'bigint') return { text: String(value), cut: 0 };
  return { text: 'null', cut: 0 };
}

interface Frame {
  container: Container;
  /** Object keys in drawing order; null for an array. */
  keys: string[] | null;
  next: number;
  length: number;
  /** Nesting level of the children. */
  depth: number;
  closing: string;
}

/**
 * A JSON value as indented lines, drawn without recursion and within limits:
 * past the depth limit a container is drawn as `{…}` followed by how many
 * levels it hides; past the line or character limit drawing stops with how
 * many values are left; a long string or key is cut with how much is left.
 */
export function boundedJson(value: unknown, options: JsonPrintOptions = {}): BoundedJson {
  const limits = { ...DEFAULT_JSON_LIMITS, ...options.limits };
  const lines: string[] = [];
  let chars = 0;
  let truncated = false;
  const emit = (line: string) => {
    lines.push(line);
    chars += line.length + 1;
  };
  const keysOf = (container: Record<string, unknown>, depth: number): string[] => {
    const keys = Object.keys(container);
    if (!options.sortKeys) return keys;
    const first = depth === 0 ? (options.firstKeys ?? []) : [];
    const rank = (key: string) => {
      const index = first.indexOf(key);
      return index === -1 ? first.length : index;
    };
    return keys.sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0));
  };
  const stack: Frame[] = [];

  const draw = (current: unknown, depth: number, prefix: string, suffix: string) => {
    const pad = '  '.repeat(depth);
    if (!isContainer(current)) {
      const literal = scalarLiteral(current, limits.stringChars);
      if (literal.cut > 0) truncated = true;
      const note =
        literal.cut > 0 ? ` // ${plural(literal.cut, true, 'character', 'characters')} not shown` : '';
      emit(`${pad}${prefix}${literal.text}${suffix}${note}`);
      return;
    }
    const isArray = Array.isArray(current);
    const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
    const keys = isArray ? null : keysOf(current, depth);
    const length = keys ? keys.length : (current as unknown[]).length;
    if (length === 0) {
      emit(`${pad}${prefix}${open}${close}${suffix}`);
      return;
    }
    if (depth >= limits.depth) {
      truncated = true;
      const hidden = depthOf(current, limits.measure);
      emit(`${pad}${prefix}${open}…${close}${suffix}`);
      emit(`${pad}  … ${plural(hidden.depth, hidden.exact, 'level', 'levels')} not shown`);
      return;
    }
    emit(`${pad}${prefix}${open}`);
    stack.push({
      container: current,
      keys,
      next: 0,
      length,
      depth: depth + 1,
      closing: `${pad}${close}${suffix}`,
    });
  };

  draw(value, 0, '', '');
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.next >= frame.length) {
      stack.pop();
      emit(frame.closing);
      continue;
    }
    if (lines.length >= limits.lines || chars >= limits.chars) {
      truncated = true;
      const left: unknown[] = [];
      for (const open of stack) {
        for (let i = open.next; i < open.length; i++) {
          left.push(
            open.keys
              ? (open.container as Record<string, unknown>)[open.keys[i] as string]
              : open.container[i as never],
          );
        }
      }
      const rest = countValues(left, limits.measure);
      emit(`${'  '.repeat(frame.depth)}… ${plural(rest.count, rest.exact, 'value', 'values')} not shown`);
      break;
    }
    const index = frame.next++;
    const suffix = index === frame.length - 1 ? '' : ',';
    if (frame.keys) {
      const key = frame.keys[index] as string;
      const name = stringLiteral(key, limits.stringChars);
      if (name.cut > 0) truncated = true;
      draw((frame.container as Record<string, unknown>)[key], frame.depth, `${name.text}: `, suffix);
    } else {
      draw((frame.container as unknown[])[index], frame.depth, '', suffix);
    }
  }
  return { lines, truncated };
}

/** A JSON value as one line of at most about `max` characters, for a value shown where text was expected. */
export function compactJson(value: unknown, max: number): string {
  const { lines } = boundedJson(value, { limits: { chars: max, depth: 4, lines: 200 } });
  const { text, cut } = boundText(lines.map((line) => line.trim()).join(' '), max);
  return cut > 0 ? `${text}…` : text;
}
