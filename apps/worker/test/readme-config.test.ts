import path from 'node:path';
import { readmeConfigTable } from '@mcpulse/testkit';
import { describe, expect, it } from 'vitest';
import { ingestEnvSchema, probeEnvSchema, schedulerEnvSchema, webhooksEnvSchema } from '../src/config.js';

const readme = path.resolve(import.meta.dirname, '../../../README.md');

const ROLES = {
  scheduler: schedulerEnvSchema,
  ingest: ingestEnvSchema,
  probe: probeEnvSchema,
  webhooks: webhooksEnvSchema,
} as const;

/** Read by Node.js itself, not by a role's schema, and documented for the probe role's sake. */
const NODE_VARIABLES = { UV_THREADPOOL_SIZE: 'probe' };

/** The roles that read each variable, as the README's "used by" column says them. */
function usedBy(): Map<string, string> {
  const roles = new Map<string, string[]>();
  for (const [role, schema] of Object.entries(ROLES))
    for (const name of Object.keys(schema.shape)) roles.set(name, [...(roles.get(name) ?? []), role]);
  const all = Object.keys(ROLES).length;
  const said = new Map(
    [...roles].map(([name, list]) => [name, list.length === all ? 'all' : list.join(', ')] as const),
  );
  for (const [name, role] of Object.entries(NODE_VARIABLES)) said.set(name, role);
  return said;
}

describe("the README's worker configuration table", () => {
  const rows = readmeConfigTable(readme, 'Workers');

  it('documents exactly the variables the worker roles read', () => {
    expect(rows.map((row) => row.variable).sort()).toEqual([...usedBy().keys()].sort());
  });

  it('names, for each variable, the roles that read it', () => {
    const expected = usedBy();
    for (const row of rows)
      expect(`${row.variable}: ${row.cells[1]}`).toBe(`${row.variable}: ${expected.get(row.variable)}`);
  });
});
