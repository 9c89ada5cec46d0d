import {
  Client as V2Client,
  StreamableHTTPClientTransport as V2HttpTransport,
} from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const CLIENT_INFO = { name: 'testkit-test', version: '0.0.0' };

/** Connects with the v1 client, lists tools and disconnects (ending the session if any). */
export async function v1ToolNames(
  url: string,
  kind: 'streamable-http' | 'sse',
  headers: Record<string, string> = {},
): Promise<string[]> {
  const client = new V1Client(CLIENT_INFO);
  const options = { requestInit: { headers } };
  const transport =
    kind === 'sse'
      ? new SSEClientTransport(new URL(url), options)
      : new StreamableHTTPClientTransport(new URL(url), options);
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    return tools.map((tool) => tool.name);
  } finally {
    if (transport instanceof StreamableHTTPClientTransport && transport.sessionId !== undefined) {
      await transport.terminateSession();
    }
    await client.close();
  }
}

/** Connects with the v2 client negotiating the era (`server/discover` first), lists tools. */
export async function v2ToolNames(url: string): Promise<{ names: string[]; era: string | undefined }> {
  const client = new V2Client(CLIENT_INFO, { versionNegotiation: { mode: 'auto' } });
  await client.connect(new V2HttpTransport(new URL(url)));
  try {
    const { tools } = await client.listTools(undefined, { cacheMode: 'bypass' });
    return { names: tools.map((tool) => tool.name), era: client.getProtocolEra() };
  } finally {
    await client.close();
  }
}

export const LEGACY_INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: CLIENT_INFO },
};

export const POST_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
};
