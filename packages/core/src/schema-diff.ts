import type { Tool } from './probe-result.js';
import { type ChangeClass, sameJson, type ToolChange, type ToolChangeKind } from './schema-change.js';
import { compareCodeUnits, computeSchemaHash, normalizeTools } from './schema-hash.js';
import { diffSchemaNode } from './schema-param-diff.js';

export interface AddedTool {
  name: string;
  class: 'compatible';
}

export interface RemovedTool {
  name: string;
  class: 'breaking';
}

export interface ChangedTool {
  name: string;
  class: ChangeClass;
  changes: ToolChange[];
  descriptionChanged: boolean;
  annotationsChanged: boolean;
}

export interface SchemaDiff {
  identical: boolean;
  breaking: boolean;
  added: AddedTool[];
  removed: RemovedTool[];
  changed: ChangedTool[];
  /** Tools whose description or annotation text changed under the same name: how a rug-pull looks. */
  descriptionChanges: string[];
}

// A Map, not an object literal, so a tool key such as "constructor" cannot hit a prototype member.
const TOOL_FIELDS: ReadonlyMap<string, { kind: ToolChangeKind; detail: string }> = new Map([
  ['description', { kind: 'description_changed', detail: 'description changed' }],
  ['annotations', { kind: 'annotations_changed', detail: 'annotations changed' }],
  ['title', { kind: 'title_changed', detail: 'title changed' }],
  ['outputSchema', { kind: 'output_schema_changed', detail: 'outputSchema changed' }],
]);

const TEXT_KINDS: ReadonlySet<ToolChangeKind> = new Set([
  'description_changed',
  'parameter_description_changed',
]);

function compareChanges(a: ToolChange, b: ToolChange): number {
  return (
    compareCodeUnits(a.path ?? '', b.path ?? '') ||
    compareCodeUnits(a.kind, b.kind) ||
    compareCodeUnits(a.detail, b.detail)
  );
}

function diffTool(before: Tool, after: Tool): ToolChange[] {
  const changes: ToolChange[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of [...keys].sort(compareCodeUnits)) {
    if (key === 'name' || key === 'inputSchema' || sameJson(before[key], after[key])) continue;
    const field = TOOL_FIELDS.get(key) ?? { kind: 'field_changed', detail: `"${key}" changed` };
    changes.push({
      kind: field.kind,
      class: 'compatible',
      detail: field.detail,
      before: before[key],
      after: after[key],
    });
  }
  changes.push(...diffSchemaNode(before.inputSchema, after.inputSchema));
  if (changes.length === 0 && !sameJson(before, after)) {
    // Only list order differs (for example `required` reordered): no rule applies, but the hash moved.
    changes.push({ kind: 'schema_changed', class: 'compatible', detail: 'inputSchema lists reordered' });
  }
  return changes.sort(compareChanges);
}

function groupByName(tools: readonly Tool[]): Map<string, Tool[]> {
  const groups = new Map<string, Tool[]>();
  for (const tool of normalizeTools(tools)) {
    const group = groups.get(tool.name);
    if (group) group.push(tool);
    else groups.set(tool.name, [tool]);
  }
  return groups;
}

/**
 * Compares two tool listings by name. Duplicate names, which a listing should not have, are
 * paired in the order they were listed; unpaired extras count as added or removed.
 */
export function diffSnapshots(before: { tools: Tool[] }, after: { tools: Tool[] }): SchemaDiff {
  const was = groupByName(before.tools);
  const now = groupByName(after.tools);
  const names = [...new Set([...was.keys(), ...now.keys()])].sort(compareCodeUnits);
  const diff: SchemaDiff = {
    identical: computeSchemaHash(before.tools) === computeSchemaHash(after.tools),
    breaking: false,
    added: [],
    removed: [],
    changed: [],
    descriptionChanges: [],
  };
  for (const name of names) {
    const olds = was.get(name) ?? [];
    const news = now.get(name) ?? [];
    for (let i = 0; i < Math.max(olds.length, news.length); i++) {
      const old = olds[i];
      const current = news[i];
      if (!old) {
        diff.added.push({ name, class: 'compatible' });
      } else if (!current) {
        diff.removed.push({ name, class: 'breaking' });
      } else {
        const changes = diffTool(old, current);
        if (changes.length === 0) continue;
        const descriptionChanged = changes.some((c) => TEXT_KINDS.has(c.kind));
        const annotationsChanged = changes.some((c) => c.kind === 'annotations_changed');
        const cls = changes.some((c) => c.class === 'breaking') ? 'breaking' : 'compatible';
        diff.changed.push({ name, class: cls, changes, descriptionChanged, annotationsChanged });
        if ((descriptionChanged || annotationsChanged) && !diff.descriptionChanges.includes(name)) {
          diff.descriptionChanges.push(name);
        }
      }
    }
  }
  diff.breaking = diff.removed.length > 0 || diff.changed.some((c) => c.class === 'breaking');
  return diff;
}

/** Changes to text the model reads: how a rug-pull looks, so the summary marks them. */
const READ_BY_MODEL: ReadonlySet<ToolChangeKind> = new Set([...TEXT_KINDS, 'annotations_changed']);

/** A readable summary for people, one line per change; `!` marks text the model reads. */
export function formatDiff(diff: SchemaDiff): string {
  if (diff.identical) return 'no changes';
  const lines: string[] = [];
  for (const { name } of diff.removed) lines.push(`- removed tool "${name}" (breaking)`);
  for (const { name } of diff.added) lines.push(`+ added tool "${name}" (compatible)`);
  let textChanged = false;
  for (const tool of diff.changed) {
    for (const change of tool.changes) {
      const mark = READ_BY_MODEL.has(change.kind) ? '!' : '~';
      textChanged ||= mark === '!';
      lines.push(`${mark} tool "${tool.name}": ${change.detail} (${change.class})`);
    }
  }
  if (textChanged) lines.push('! marks text the model reads: check the new wording before trusting it');
  const verdict = diff.breaking ? 'breaking changes' : 'compatible changes only';
  return [verdict, ...lines].join('\n');
}
