import { McpServer as V1McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpServer as V2McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { echoResult, type FixtureTool } from './fixture-server.js';

// Both SDKs only install the tools/list handler once a tool is registered. Registering and
// removing a placeholder keeps the `tools` capability with an empty list, which is the
// shape a probe must report as `no_tools` rather than a missing method.
const PLACEHOLDER = '__fixture_placeholder__';

export function buildV1Server(name: string, version: string, tools: FixtureTool[]): V1McpServer {
  const server = new V1McpServer({ name, version });
  for (const tool of tools) {
    server.registerTool(
      tool.name,
      { description: tool.description, inputSchema: tool.input, annotations: tool.annotations },
      (args: unknown) => echoResult(args),
    );
  }
  if (tools.length === 0) server.registerTool(PLACEHOLDER, {}, () => echoResult({})).remove();
  return server;
}

export function buildV2Server(name: string, version: string, tools: FixtureTool[]): V2McpServer {
  const server = new V2McpServer({ name, version });
  for (const tool of tools) {
    server.registerTool(
      tool.name,
      { description: tool.description, inputSchema: z.object(tool.input), annotations: tool.annotations },
      (args: unknown) => echoResult(args),
    );
  }
  if (tools.length === 0) server.registerTool(PLACEHOLDER, {}, () => echoResult({})).remove();
  return server;
}
