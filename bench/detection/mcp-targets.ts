import { type FixtureServer, startV2DualEra } from '@mcpulse/testkit';
import { freePort } from '../scheduler/processes/free-port.js';

export interface McpTarget {
  url: string;
  /** Closes the server: new connections are refused, as after a crash. */
  kill(): Promise<void>;
  /** Starts it again at the same address. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A real MCP server (the official SDK, both eras) at a fixed port, so it can die and come back there. */
export async function startMcpTarget(): Promise<McpTarget> {
  const port = await freePort();
  const start = () => startV2DualEra({ name: 'detection-target', version: '1.0.0', port });
  let server: FixtureServer | null = await start();
  const url = server.url;
  return {
    url,
    async kill() {
      await server?.close();
      server = null;
    },
    async restart() {
      server ??= await start();
    },
    async close() {
      await server?.close();
      server = null;
    },
  };
}
