import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CheckClient } from './check-client.js';

/** What a monitor written naively on the v1 SDK does per check: a fresh client, connect, list, close. */
export const sdkClient: CheckClient = {
  id: 'sdk',
  label: 'naive SDK v1 Client',
  async check(url) {
    const client = new Client({ name: 'bench-naive-sdk', version: '0.1.0' });
    const transport = new StreamableHTTPClientTransport(new URL(url));
    try {
      await client.connect(transport);
      const { tools } = await client.listTools();
      if (tools.length === 0) throw new Error('sdk: no tools listed');
    } finally {
      await client.close();
    }
  },
};
