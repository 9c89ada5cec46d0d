import canonicalize from 'canonicalize';
import { isRecord, sameJson, type ToolChange } from './schema-change.js';
import { compareCodeUnits } from './schema-hash.js';

/** Keywords with their own rules; every other keyword change is reported as compatible. */
const RULED_KEYWORDS = new Set(['type', 'enum', 'description', 'properties', 'required', 'items']);

function label(path: string): string {
  return path === '' ? 'inputSchema' : `parameter "${path}"`;
}

function at(path: string): { path?: string } {
  return path === '' ? {} : { path };
}

function childPath(parent: string, name: string): string {
  return parent === '' ? name : `${parent}.${name}`;
}

function sortedUnion(a: Iterable<string>, b: Iterable<string>): string[] {
  return [...new Set([...a, ...b])].sort(compareCodeUnits);
}

/** `null` means the schema accepts any type. */
function typesOf(schema: Record<string, unknown>): string[] | null {
  const { type } = schema;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return null;
}

function accepts(types: string[] | null, type: string): boolean {
  return types === null || types.includes(type) || (type === 'integer' && types.includes('number'));
}

function showTypes(types: string[] | null): string {
  return types === null ? 'any' : types.join('|');
}

function diffType(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  path: string,
): ToolChange[] {
  const was = typesOf(before);
  const now = typesOf(after);
  const widened = was === null ? now === null : was.every((t) => accepts(now, t));
  const narrowed = now === null ? was === null : now.every((t) => accepts(was, t));
  if (widened && narrowed) return [];
  const [kind, cls, verb] = widened
    ? (['type_widened', 'compatible', 'widened'] as const)
    : (['type_changed', 'breaking', 'changed'] as const);
  return [
    {
      kind,
      class: cls,
      ...at(path),
      detail: `type of ${label(path)} ${verb} from ${showTypes(was)} to ${showTypes(now)}`,
      before: before.type,
      after: after.type,
    },
  ];
}

function diffEnum(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  path: string,
): ToolChange[] {
  const was = before.enum;
  const now = after.enum;
  if (!Array.isArray(was) && !Array.isArray(now)) return [];
  if (!Array.isArray(was)) {
    return [
      {
        kind: 'enum_introduced',
        class: 'breaking',
        ...at(path),
        detail: `${label(path)} restricted to an enum`,
        after: now,
      },
    ];
  }
  if (!Array.isArray(now)) {
    return [
      {
        kind: 'enum_dropped',
        class: 'compatible',
        ...at(path),
        detail: `enum of ${label(path)} dropped`,
        before: was,
      },
    ];
  }
  const wasKeys = new Map(was.map((v) => [canonicalize(v) ?? 'null', v]));
  const nowKeys = new Map(now.map((v) => [canonicalize(v) ?? 'null', v]));
  const changes: ToolChange[] = [];
  for (const key of sortedUnion(wasKeys.keys(), nowKeys.keys())) {
    if (wasKeys.has(key) && !nowKeys.has(key)) {
      changes.push({
        kind: 'enum_value_removed',
        class: 'breaking',
        ...at(path),
        detail: `enum value ${key} removed from ${label(path)}`,
        before: wasKeys.get(key),
      });
    } else if (!wasKeys.has(key) && nowKeys.has(key)) {
      changes.push({
        kind: 'enum_value_added',
        class: 'compatible',
        ...at(path),
        detail: `enum value ${key} added to ${label(path)}`,
        after: nowKeys.get(key),
      });
    }
  }
  return changes;
}

function requiredOf(schema: Record<string, unknown>): Set<string> {
  const { required } = schema;
  return new Set(Array.isArray(required) ? required.filter((r): r is string => typeof r === 'string') : []);
}

function diffProperties(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  path: string,
): ToolChange[] {
  const wasProps = isRecord(before.properties) ? before.properties : {};
  const nowProps = isRecord(after.properties) ? after.properties : {};
  const wasRequired = requiredOf(before);
  const nowRequired = requiredOf(after);
  const changes: ToolChange[] = [];
  // Required names without a declared property still bind callers, so they are walked too.
  const names = sortedUnion(
    [...Object.keys(wasProps), ...wasRequired],
    [...Object.keys(nowProps), ...nowRequired],
  );
  for (const name of names) {
    const p = childPath(path, name);
    const existed = Object.hasOwn(wasProps, name);
    const exists = Object.hasOwn(nowProps, name);
    if (existed && !exists) {
      changes.push({
        kind: 'parameter_removed',
        class: 'breaking',
        path: p,
        detail: `parameter "${p}" removed`,
        before: wasProps[name],
      });
    } else if (!existed && exists) {
      const required = nowRequired.has(name);
      changes.push({
        kind: required ? 'required_parameter_added' : 'optional_parameter_added',
        class: required ? 'breaking' : 'compatible',
        path: p,
        detail: `${required ? 'required' : 'optional'} parameter "${p}" added`,
        after: nowProps[name],
      });
    } else {
      if (!wasRequired.has(name) && nowRequired.has(name)) {
        changes.push({
          kind: 'parameter_became_required',
          class: 'breaking',
          path: p,
          detail: `parameter "${p}" became required`,
        });
      } else if (wasRequired.has(name) && !nowRequired.has(name)) {
        changes.push({
          kind: 'parameter_became_optional',
          class: 'compatible',
          path: p,
          detail: `parameter "${p}" became optional`,
        });
      }
      if (existed && exists) changes.push(...diffSchemaNode(wasProps[name], nowProps[name], p));
    }
  }
  return changes;
}

function diffItems(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  path: string,
): ToolChange[] {
  if (isRecord(before.items) && isRecord(after.items)) {
    return diffSchemaNode(before.items, after.items, `${path}[]`);
  }
  if (sameJson(before.items, after.items)) return [];
  return [
    {
      kind: 'schema_changed',
      class: 'compatible',
      ...at(path),
      detail: `"items" of ${label(path)} changed`,
      before: before.items,
      after: after.items,
    },
  ];
}

function diffOtherKeywords(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  path: string,
): ToolChange[] {
  const changes: ToolChange[] = [];
  for (const key of sortedUnion(Object.keys(before), Object.keys(after))) {
    if (RULED_KEYWORDS.has(key) || sameJson(before[key], after[key])) continue;
    changes.push({
      kind: 'schema_changed',
      class: 'compatible',
      ...at(path),
      detail: `"${key}" of ${label(path)} changed`,
      before: before[key],
      after: after[key],
    });
  }
  return changes;
}

/** Compares two JSON Schemas; `path` is '' for the tool's `inputSchema` itself. */
export function diffSchemaNode(before: unknown, after: unknown, path = ''): ToolChange[] {
  if (!isRecord(before) || !isRecord(after)) {
    if (sameJson(before, after)) return [];
    return [
      {
        kind: 'schema_changed',
        class: 'compatible',
        ...at(path),
        detail: `schema of ${label(path)} replaced`,
        before,
        after,
      },
    ];
  }
  const changes = [
    ...diffType(before, after, path),
    ...diffEnum(before, after, path),
    ...diffProperties(before, after, path),
    ...diffItems(before, after, path),
    ...diffOtherKeywords(before, after, path),
  ];
  if (!sameJson(before.description, after.description)) {
    changes.push({
      kind: 'parameter_description_changed',
      class: 'compatible',
      ...at(path),
      detail: `description of ${label(path)} changed`,
      before: before.description,
      after: after.description,
    });
  }
  return changes;
}
