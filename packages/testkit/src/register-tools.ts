import { McpServer as V1McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpServer as V2McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { echoResult, type FixtureTool } from './fixture-server.js';
import { runFixtureTool } from './tool-behaviour.js';

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
      (args: Record<string, unknown>, extra) => {
        const progressToken = extra._meta?.progressToken;
        return runFixtureTool(tool, args, {
          progressToken,
          signal: extra.signal,
          sendProgress: (progress, total) =>
            extra.sendNotification({
              method: 'notifications/progress',
              params: { progressToken: progressToken as string | number, progress, total },
            }),
        });
      },
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
      (args: Record<string, unknown>, ctx) => {
        const progressToken = ctx.mcpReq._meta?.progressToken;
        return runFixtureTool(tool, args, {
          progressToken,
          signal: ctx.mcpReq.signal,
          sendProgress: (progress, total) =>
            ctx.mcpReq.notify({
              method: 'notifications/progress',
              params: { progressToken: progressToken as string | number, progress, total },
            }),
        });
      },
    );
  }
  if (tools.length === 0) server.registerTool(PLACEHOLDER, {}, () => echoResult({})).remove();
  return server;
}
