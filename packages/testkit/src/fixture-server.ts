import { z } from 'zod';

export interface FixtureToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

export interface FixtureTool {
  name: string;
  description?: string;
  /** zod v4 raw shape of the input parameters. */
  input: Record<string, z.ZodType>;
  annotations?: FixtureToolAnnotations;
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

/** The result every fixture tool returns: the arguments echoed as text. */
export function echoResult(args: unknown): { content: { type: 'text'; text: string }[] } {
  return { content: [{ type: 'text', text: JSON.stringify(args) }] };
}
