import { z } from 'zod';
import { PROTOCOL_ERAS, type ProtocolEra } from './domain/probe-values.js';
import type { ServerInfo, Tool } from './probe-result.js';
import { computeSchemaHash, normalizeTools } from './schema-hash.js';

/** Context recorded beside the tools; none of it is part of the hash. */
export interface SnapshotMeta {
  server?: ServerInfo | null;
  protocolVersion?: string | null;
  era?: ProtocolEra | null;
  url?: string;
  takenAt?: string;
  [key: string]: unknown;
}

export interface SchemaSnapshot extends SnapshotMeta {
  hash: string;
  tools: Tool[];
}

const toolSchema = z.looseObject({
  name: z.string(),
  inputSchema: z.record(z.string(), z.unknown(), 'expected an object'),
  description: z.string().optional(),
  annotations: z.record(z.string(), z.unknown(), 'expected an object').optional(),
});

export const schemaSnapshotSchema = z.looseObject({
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex characters'),
  tools: z.array(toolSchema),
  server: z.looseObject({ name: z.string(), version: z.string() }).nullable().optional(),
  protocolVersion: z.string().nullable().optional(),
  era: z.enum(PROTOCOL_ERAS).nullable().optional(),
  url: z.string().optional(),
  takenAt: z.string().optional(),
});

export function createSnapshot(tools: readonly Tool[], meta: SnapshotMeta = {}): SchemaSnapshot {
  const { hash: _hash, tools: _tools, ...rest } = meta;
  return { hash: computeSchemaHash(tools), tools: normalizeTools(tools), ...rest };
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Validates a snapshot read from outside (a file, a request) and checks that its hash is honest. */
export function parseSnapshot(json: unknown): SchemaSnapshot {
  const result = schemaSnapshotSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
    throw new Error(`invalid schema snapshot: ${problems.join('; ')}`);
  }
  // The annotation makes the compiler reject drift between the schema and the interface.
  const snapshot: SchemaSnapshot = result.data;
  const computed = computeSchemaHash(snapshot.tools);
  if (computed !== snapshot.hash) {
    throw new Error(
      `snapshot hash does not match its tools: recorded ${snapshot.hash}, computed ${computed}`,
    );
  }
  return snapshot;
}
