import path from 'node:path';
import { readmeConfigTable } from '@mcpulse/testkit';
import { describe, expect, it } from 'vitest';
import { apiEnvSchema, RETIRED_VARIABLES } from '../src/config.js';
import { embeddedEnvSchema } from '../src/embedded/embedded-config.js';

const readme = path.resolve(import.meta.dirname, '../../../README.md');

/** The variables a schema reads, without the retired ones it only refuses. */
function readVariables(shape: Record<string, unknown>): string[] {
  return Object.keys(shape)
    .filter((name) => !(name in RETIRED_VARIABLES))
    .sort();
}

function documented(heading: string): string[] {
  return readmeConfigTable(readme, heading)
    .map((row) => row.variable)
    .sort();
}

describe("the README's configuration tables", () => {
  it('document exactly the variables the API reads', () => {
    expect(documented('API')).toEqual(readVariables(apiEnvSchema.shape));
  });

  it('document exactly the variables the embedded mode reads', () => {
    expect(documented('Embedded mode')).toEqual(readVariables(embeddedEnvSchema.shape));
  });

  it('document no retired variable as one to set', () => {
    for (const heading of ['API', 'Embedded mode'])
      for (const retired of Object.keys(RETIRED_VARIABLES))
        expect(documented(heading)).not.toContain(retired);
  });
});
