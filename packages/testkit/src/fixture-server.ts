import { z } from 'zod';

export interface FixtureToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** A tool result, as both SDKs take it. */
export interface FixtureToolResult {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/**
 * What a fixture tool does when called (by default it echoes its arguments):
 * - `result`: answers with this result;
 * - `progress`: sends `steps` progress notifications, `intervalMs` apart, for the
 *   caller's `progressToken` (none without one), then answers with the result
 *   and, appended to its first text, `(progress sent: N)`;
 * - `hang`: never answers, until the request is cancelled or its connection closes.
 */
export type FixtureToolBehaviour =
  | { kind: 'result'; result: FixtureToolResult }
  | { kind: 'progress'; steps: number; intervalMs: number; result: FixtureToolResult }
  | { kind: 'hang' };

export interface FixtureTool {
  name: string;
  description?: string;
  /** zod v4 raw shape of the input parameters. */
  input: Record<string, z.ZodType>;
  annotations?: FixtureToolAnnotations;
  behaviour?: FixtureToolBehaviour;
}

export interface RecordedRequest {
  method: string;
  /** Path including the query string, as received. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface FixtureServer {
  /** Full MCP endpoint URL, e.g. `http://127.0.0.1:PORT/mcp` (legacy SSE: the `GET /sse` URL). */
  url: string;
  close(): Promise<void>;
  /** Changes what `tools/list` returns from the next request (stateless) or session (sessionful) on. */
  setTools(tools: FixtureTool[]): void;
  /** Every HTTP request received, in arrival order, for assertions. */
  requests: RecordedRequest[];
}

export interface FixtureOptions {
  tools?: FixtureTool[];
  name?: string;
  version?: string;
  /** When set, requests whose `Authorization` header differs get `401` with a Bearer challenge. */
  requireAuth?: string;
  /** A fixed port, for tests that restart a server at the same address; ephemeral by default. */
  port?: number;
}

export const DEFAULT_TOOLS: FixtureTool[] = [
  {
    name: 'echo',
    description: 'Echoes the message back',
    input: { message: z.string().describe('Text to echo') },
    annotations: { readOnlyHint: true },
  },
  {
    name: 'add',
    description: 'Adds two numbers',
    input: { a: z.number(), b: z.number() },
    annotations: { readOnlyHint: true, idempotentHint: true },
  },
  {
    name: 'get_weather',
    description: 'Current weather for a city',
    input: { city: z.string(), units: z.enum(['c', 'f']).optional() },
    annotations: { readOnlyHint: true, openWorldHint: true },
  },
];

/**
 * Tools for tool-call canaries, each doing one thing a monitored tool may do:
 * answer (`status`, with structuredContent mirroring its `region` argument,
 * which it also declares as the `Mcp-Param-Region` header), fail with
 * `isError` (`fail`), stream progress before answering (`slow_report`), never
 * answer (`hang`), or change something (`write_note`, not read-only).
 */
export const CANARY_TOOLS: FixtureTool[] = [
  {
    name: 'status',
    description: 'Service status',
    input: { region: z.string().meta({ 'x-mcp-header': 'Region' }).optional() },
    annotations: { readOnlyHint: true },
  },
  {
    name: 'fail',
    description: 'Always fails',
    input: {},
    annotations: { readOnlyHint: true },
    behaviour: {
      kind: 'result',
      result: { content: [{ type: 'text', text: 'upstream database unavailable' }], isError: true },
    },
  },
  {
    name: 'slow_report',
    description: 'Reports progress, then answers',
    input: {},
    annotations: { readOnlyHint: true },
    behaviour: {
      kind: 'progress',
      steps: 3,
      intervalMs: 20,
      result: { content: [{ type: 'text', text: 'report ready' }] },
    },
  },
  {
    name: 'hang',
    description: 'Never answers',
    input: {},
    annotations: { readOnlyHint: true },
    behaviour: { kind: 'hang' },
  },
  {
    name: 'write_note',
    description: 'Stores a note',
    input: { text: z.string().max(100) },
    annotations: { readOnlyHint: false, destructiveHint: false },
  },
];

/** What `status` answers: its arguments, as JSON text and as structuredContent. */
export function statusResult(args: Record<string, unknown>): FixtureToolResult {
  const status = { ok: true, region: args.region ?? null, checks: [{ name: 'db', ok: true }] };
  return { content: [{ type: 'text', text: JSON.stringify(status) }], structuredContent: status };
}

/** The result every fixture tool returns: the arguments echoed as text. */
export function echoResult(args: unknown): { content: { type: 'text'; text: string }[] } {
  return { content: [{ type: 'text', text: JSON.stringify(args) }] };
}
