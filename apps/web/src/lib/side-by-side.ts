import type { Tool } from '@mcpulse/contract';
import { boundedJson, isNoteLine } from './bounded-json.js';
import { sameJson } from './json-equal.js';
import { toolName } from './tool-fields.js';

export interface DiffLine {
  number: number;
  text: string;
  /** The line is not on the other side. */
  changed: boolean;
  /** The line says what the rendering left out; it is not part of the schema. */
  note: boolean;
}

/** One row of a side-by-side view; a side is null where the other side has lines it lacks. */
export interface DiffRow {
  left: DiffLine | null;
  right: DiffLine | null;
}

export interface ToolDiff {
  name: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  before: Tool | undefined;
  after: Tool | undefined;
}

export interface ToolRows {
  rows: DiffRow[];
  /** Either side was cut to the rendering limits. */
  truncated: boolean;
  /** The versions differ, but only past what is drawn. */
  differsUnseen: boolean;
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

function line(lines: string[], index: number, changed: boolean): DiffLine {
  const text = lines[index] as string;
  return { number: index + 1, text, changed: changed && !isNoteLine(text), note: isNoteLine(text) };
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
        left: left === undefined ? null : line(a, left, true),
        right: right === undefined ? null : line(b, right, true),
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
      rows.push({ left: line(a, op.a, false), right: line(b, op.b, false) });
    }
  }
  flush();
  return rows;
}

const FIRST_KEYS = ['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations'];

/** A tool as indented JSON with its keys in a stable order, so both sides line up, cut to the limits. */
export function toolJson(tool: Tool | undefined): { lines: string[]; truncated: boolean } {
  return tool === undefined
    ? { lines: [], truncated: false }
    : boundedJson(tool, { sortKeys: true, firstKeys: FIRST_KEYS });
}

export function toolLines(tool: Tool | undefined): string[] {
  return toolJson(tool).lines;
}

/**
 * Every tool of either snapshot, by name, and how it changed. Cheap for any
 * size: the lines of a tool are drawn only when `toolRows` asks for them.
 */
export function diffTools(before: Tool[], after: Tool[]): ToolDiff[] {
  const was = new Map(before.map((tool) => [toolName(tool), tool]));
  const now = new Map(after.map((tool) => [toolName(tool), tool]));
  const names = [...new Set([...was.keys(), ...now.keys()])].sort();
  return names.map((name) => {
    const left = was.get(name);
    const right = now.get(name);
    const change = !was.has(name)
      ? 'added'
      : !now.has(name)
        ? 'removed'
        : sameJson(left, right)
          ? 'unchanged'
          : 'changed';
    return { name, change, before: left, after: right };
  });
}

/** The side-by-side rows of one tool, each side drawn within the rendering limits. */
export function toolRows(tool: ToolDiff): ToolRows {
  const left = toolJson(tool.before);
  const right = toolJson(tool.after);
  const rows = sideBySide(left.lines, right.lines);
  const shownChange = rows.some((row) => row.left?.changed || row.right?.changed);
  return {
    rows,
    truncated: left.truncated || right.truncated,
    differsUnseen: tool.change === 'changed' && !shownChange,
  };
}
