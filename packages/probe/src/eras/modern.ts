import type { ServerInfo } from '@mcpulse/core';
import { MODERN_PROTOCOL_VERSION } from '@mcpulse/core/domain';
import { ProbeFailure } from '../probe-failure.js';
import type { CanaryCall } from '../probe-options.js';
import type { CheckContext } from '../wire/check-context.js';
import { isObject, type JsonObject } from '../wire/json-rpc.js';
import { callRpc } from '../wire/rpc-call.js';
import type { ClientInfo } from './client-info.js';
import type { EraProgress } from './era-outcome.js';
import { encodeHeaderValue, mcpParamHeaders } from './mcp-param-headers.js';
import { runCanary, toolCallParams } from './tool-call.js';
import { collectToolPages } from './tools-pages.js';

const SERVER_INFO_META_KEY = 'io.modelcontextprotocol/serverInfo';

function envelope(clientInfo: ClientInfo): JsonObject {
  return {
    'io.modelcontextprotocol/protocolVersion': MODERN_PROTOCOL_VERSION,
    'io.modelcontextprotocol/clientInfo': clientInfo,
    'io.modelcontextprotocol/clientCapabilities': {},
  };
}

function headersFor(method: string): Record<string, string> {
  return { 'mcp-protocol-version': MODERN_PROTOCOL_VERSION, 'mcp-method': method };
}

function checkResultType(ctx: CheckContext, result: JsonObject, method: string): void {
  if (result.resultType !== undefined && result.resultType !== 'complete') {
    throw new ProbeFailure(
      'protocol_violation',
      ctx.phase,
      `${method} answered with resultType ${JSON.stringify(result.resultType)} where "complete" was expected`,
    );
  }
}

function serverInfoFrom(result: JsonObject): ServerInfo | null {
  const meta = result._meta;
  if (!isObject(meta)) return null;
  const info = meta[SERVER_INFO_META_KEY];
  if (!isObject(info) || typeof info.name !== 'string') return null;
  return { ...info, name: info.name, version: typeof info.version === 'string' ? info.version : '' };
}

/**
 * A canary's `tools/call` result: `complete` is judged like any call; a tool
 * that asks for input (`input_required`, multi round-trip) cannot be answered
 * by a monitor, so the call did not complete.
 */
function completedCall(ctx: CheckContext, result: JsonObject, tool: string): JsonObject {
  if (result.resultType === 'input_required') {
    throw new ProbeFailure(
      'tool_error',
      'tool_call',
      `tool ${JSON.stringify(tool)} asked for input (resultType "input_required"), which a canary call cannot give`,
    );
  }
  checkResultType(ctx, result, 'tools/call');
  return result;
}

/**
 * The 2026-07-28 stateless sequence: `server/discover`, then every page of
 * `tools/list`, each request carrying the `_meta` envelope and the standard
 * headers, then the canary's `tools/call` with `Mcp-Name` and the
 * `Mcp-Param-*` headers its tool declares.
 */
export async function runModern(
  ctx: CheckContext,
  url: URL,
  clientInfo: ClientInfo,
  progress: EraProgress,
  canary: CanaryCall | null = null,
): Promise<void> {
  ctx.enterPhase('handshake');
  let id = 0;
  const discover = await callRpc(
    ctx,
    url,
    { jsonrpc: '2.0', id: ++id, method: 'server/discover', params: { _meta: envelope(clientInfo) } },
    headersFor('server/discover'),
  );
  const result = discover.result;
  checkResultType(ctx, result, 'server/discover');
  const versions = result.supportedVersions;
  if (!Array.isArray(versions) || !versions.every((version) => typeof version === 'string')) {
    throw new ProbeFailure(
      'protocol_violation',
      ctx.phase,
      'server/discover result has no supportedVersions array',
    );
  }
  if (!isObject(result.capabilities)) {
    throw new ProbeFailure(
      'protocol_violation',
      ctx.phase,
      'server/discover result has no capabilities object',
    );
  }
  if (!versions.includes(MODERN_PROTOCOL_VERSION)) {
    throw new ProbeFailure(
      'protocol_violation',
      ctx.phase,
      `server/discover offers ${versions.join(', ') || 'no versions'}, not ${MODERN_PROTOCOL_VERSION}`,
      { eraRefused: true },
    );
  }
  progress.protocolVersion = MODERN_PROTOCOL_VERSION;
  progress.capabilities = result.capabilities;
  progress.serverInfo = serverInfoFrom(result);

  const endpoint = discover.url;
  if (isObject(result.capabilities.tools)) {
    ctx.enterPhase('tools_list');
    progress.tools = await collectToolPages(ctx, async (cursor) => {
      const params: JsonObject = { _meta: envelope(clientInfo) };
      if (cursor !== undefined) params.cursor = cursor;
      const page = await callRpc(
        ctx,
        endpoint,
        { jsonrpc: '2.0', id: ++id, method: 'tools/list', params },
        headersFor('tools/list'),
      );
      checkResultType(ctx, page.result, 'tools/list');
      return page.result;
    });
  }
  await runCanary(ctx, canary, progress.tools, async (tool, call) => {
    const headers = {
      ...mcpParamHeaders(tool, call.arguments),
      ...headersFor('tools/call'),
      'mcp-name': encodeHeaderValue(tool.name),
    };
    const params = toolCallParams(call, envelope(clientInfo));
    const reply = await callRpc(
      ctx,
      endpoint,
      { jsonrpc: '2.0', id: ++id, method: 'tools/call', params },
      headers,
    );
    return completedCall(ctx, reply.result, tool.name);
  });
}
