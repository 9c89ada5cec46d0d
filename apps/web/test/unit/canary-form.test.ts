import type { Tool } from '@mcpulse/contract';
import { describe, expect, it } from 'vitest';
import {
  argumentFieldsOf,
  argumentText,
  canaryBody,
  canaryFormOf,
  isReadOnly,
  NO_CANARY,
  withArgument,
} from '../../src/lib/canary-form.js';

const search: Tool = {
  name: 'search',
  inputSchema: {
    type: 'object',
    properties: {
      query: { type: 'string', description: 'What to look for' },
      limit: { type: 'integer' },
      exact: { type: 'boolean' },
      order: { type: 'string', enum: ['asc', 'desc'] },
      filter: { type: 'object' },
    },
    required: ['query'],
  },
  annotations: { readOnlyHint: true },
};

describe('the canary form', () => {
  it('sends nothing when off, and the canary as the API takes it when on', () => {
    expect(canaryBody(NO_CANARY, 10_000, {})).toBeNull();
    const errors = {};
    const body = canaryBody(
      {
        ...NO_CANARY,
        enabled: true,
        tool: 'search',
        argumentsText: '{"query": "status"}',
        expectKind: 'json_path',
        expectPath: '$.items[0].id',
        expectEqualsText: '7',
        timeoutMs: '2000',
      },
      10_000,
      errors,
    );
    expect(errors).toEqual({});
    expect(body).toEqual({
      tool: 'search',
      arguments: { query: 'status' },
      expect: { kind: 'json_path', path: '$.items[0].id', equals: 7 },
      timeoutMs: 2_000,
      confirmedNoSideEffects: false,
    });
    expect(canaryFormOf(body)).toMatchObject({ enabled: true, expectEqualsText: '7', timeoutMs: '2000' });
  });

  it('names what cannot be sent under the API field names', () => {
    const errors: Record<string, string> = {};
    canaryBody(
      {
        ...NO_CANARY,
        enabled: true,
        argumentsText: '[1]',
        expectKind: 'json_path',
        expectPath: 'items',
        expectEqualsText: 'ok',
        timeoutMs: '10000',
      },
      10_000,
      errors,
    );
    expect(Object.keys(errors).sort()).toEqual([
      'canary.arguments',
      'canary.expect.equals',
      'canary.expect.path',
      'canary.timeoutMs',
      'canary.tool',
    ]);
  });

  it("generates controls for the tool's simple parameters and leaves the rest to JSON", () => {
    const { fields, others } = argumentFieldsOf(search);
    expect(fields.map((field) => [field.name, field.kind, field.required])).toEqual([
      ['query', 'string', true],
      ['limit', 'integer', false],
      ['exact', 'boolean', false],
      ['order', 'enum', false],
    ]);
    expect(others).toBe(1);
    expect(argumentFieldsOf(undefined)).toEqual({ fields: [], others: 0 });
    expect(
      argumentFieldsOf({ name: 'odd', inputSchema: { properties: 'nope' } } as unknown as Tool).fields,
    ).toEqual([]);
  });

  it('edits the arguments JSON one control at a time, keeping the rest', () => {
    const [query, limit, exact] = argumentFieldsOf(search).fields;
    let text = '{"filter": {"a": 1}}';
    text = withArgument(text, query!, 'status');
    text = withArgument(text, limit!, '5');
    text = withArgument(text, exact!, true);
    expect(JSON.parse(text)).toEqual({ filter: { a: 1 }, query: 'status', limit: 5, exact: true });
    expect(argumentText(JSON.parse(text), limit!)).toBe('5');
    text = withArgument(text, query!, '');
    expect(JSON.parse(text)).not.toHaveProperty('query');
    expect(JSON.parse(withArgument(text, limit!, '5x')).limit).toBe('5x');
  });

  it('knows a read-only tool only by its annotation', () => {
    expect(isReadOnly(search)).toBe(true);
    expect(isReadOnly({ ...search, annotations: { readOnlyHint: 'yes' } })).toBe(false);
    expect(isReadOnly(undefined)).toBe(false);
  });
});
