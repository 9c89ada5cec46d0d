import canonicalize from 'canonicalize';

export const CHANGE_CLASSES = ['breaking', 'compatible'] as const;
export type ChangeClass = (typeof CHANGE_CLASSES)[number];

export const TOOL_CHANGE_KINDS = [
  'description_changed',
  'annotations_changed',
  'title_changed',
  'output_schema_changed',
  'field_changed',
  'required_parameter_added',
  'optional_parameter_added',
  'parameter_removed',
  'parameter_became_required',
  'parameter_became_optional',
  'type_changed',
  'type_widened',
  'enum_value_removed',
  'enum_value_added',
  'enum_introduced',
  'enum_dropped',
  'parameter_description_changed',
  'schema_changed',
] as const;

export type ToolChangeKind = (typeof TOOL_CHANGE_KINDS)[number];

/** One difference inside a tool; `path` is the dotted parameter path, absent for the tool itself. */
export interface ToolChange {
  kind: ToolChangeKind;
  class: ChangeClass;
  path?: string;
  detail: string;
  before?: unknown;
  after?: unknown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Equality as the hash sees it: key order and number spelling do not matter. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalize(a) === canonicalize(b);
}
