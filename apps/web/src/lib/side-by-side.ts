import type { Tool } from '../api/types.js';

export interface DiffLine {
  number: number;
  text: string;
  /** The line is not on the other side. */
  changed: boolean;
}

/** One row of a side-by-side view; a side is null where the other side has lines it lacks. */
export interface DiffRow {
  left: DiffLine | null;
  right: DiffLine | null;
}

export interface ToolDiff {
  name: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  rows: DiffRow[];
}

type Op = { kind: 'same'; a: number; b: number } | { kind: 'del'; a: number } | { kind: 'add'; b: number };

/** Past this many line pairs the diff gives up aligning and shows both sides whole. */
const MAX_CELLS = 4_000_000;

/** A line diff by longest common subsequence. */
export function diffLines(a: string[], b: string[]): Op[] {
  if (a.length * b.length > MAX_CELLS) {
    return [
      ...a.map((_, i) => ({ kind: 'del', a: i }) as Op),
      ...b.map((_, j) => ({ kind: 'add', b: j }) as Op),
    ];
  }
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] as number) + 1
          : Math.max(lcs[(i + 1) * width + j] as number, lcs[i * width + j + 1] as number);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) ops.push({ kind: 'same', a: i++, b: j++ });
    else if ((lcs[(i + 1) * width + j] as number) >= (lcs[i * width + j + 1] as number))
      ops.push({ kind: 'del', a: i++ });
    else ops.push({ kind: 'add', b: j++ });
  }
  while (i < a.length) ops.push({ kind: 'del', a: i++ });
  while (j < b.length) ops.push({ kind: 'add', b: j++ });
  return ops;
}

/** Pairs removed lines with the added lines that replace them, so a changed line sits beside its new self. */
export function sideBySide(a: string[], b: string[]): DiffRow[] {
  const rows: DiffRow[] = [];
  let dels: number[] = [];
  let adds: number[] = [];
  const flush = () => {
    for (let k = 0; k < Math.max(dels.length, adds.length); k++) {
      const left = dels[k];
      const right = adds[k];
      rows.push({
        left: left === undefined ? null : { number: left + 1, text: a[left] as string, changed: true },
        right: right === undefined ? null : { number: right + 1, text: b[right] as string, changed: true },
      });
    }
    dels = [];
    adds = [];
  };
  for (const op of diffLines(a, b)) {
    if (op.kind === 'del') dels.push(op.a);
    else if (op.kind === 'add') adds.push(op.b);
    else {
      flush();
      rows.push({
        left: { number: op.a + 1, text: a[op.a] as string, changed: false },
        right: { number: op.b + 1, text: b[op.b] as string, changed: false },
      });
    }
  }
  flush();
  return rows;
}

const FIRST_KEYS = ['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations'];

function ordered(value: unknown, top: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => ordered(item, false));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort((x, y) => {
    const rank = (key: string) =>
      top && FIRST_KEYS.includes(key) ? FIRST_KEYS.indexOf(key) : FIRST_KEYS.length;
    return rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0);
  });
  return Object.fromEntries(
    keys.map((key) => [key, ordered((value as Record<string, unknown>)[key], false)]),
  );
}

/** A tool as indented JSON with its keys in a stable order, so both sides line up. */
export function toolLines(tool: Tool | undefined): string[] {
  return tool ? JSON.stringify(ordered(tool, true), null, 2).split('\n') : [];
}

/** Every tool of either snapshot, by name, with its side-by-side rows. */
export function diffTools(before: Tool[], after: Tool[]): ToolDiff[] {
  const was = new Map(before.map((tool) => [tool.name, tool]));
  const now = new Map(after.map((tool) => [tool.name, tool]));
  const names = [...new Set([...was.keys(), ...now.keys()])].sort();
  return names.map((name) => {
    const left = toolLines(was.get(name));
    const right = toolLines(now.get(name));
    const change = !was.has(name)
      ? 'added'
      : !now.has(name)
        ? 'removed'
        : left.join('\n') === right.join('\n')
          ? 'unchanged'
          : 'changed';
    return { name, change, rows: sideBySide(left, right) };
  });
}
