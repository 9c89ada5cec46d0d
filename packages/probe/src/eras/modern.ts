import type { ServerInfo } from '@mcpulse/core';
import { MODERN_PROTOCOL_VERSION } from '@mcpulse/core/domain';
import { ProbeFailure } from '../probe-failure.js';
import type { CheckContext } from '../wire/check-context.js';
import { isObject, type JsonObject } from '../wire/json-rpc.js';
import { callRpc } from '../wire/rpc-call.js';
import type { ClientInfo } from './client-info.js';
import type { EraProgress } from './era-outcome.js';
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
 * The 2026-07-28 stateless sequence: `server/discover`, then every page of
 * `tools/list`, each request carrying the `_meta` envelope and the standard headers.
 */
export async function runModern(
  ctx: CheckContext,
  url: URL,
  clientInfo: ClientInfo,
  progress: EraProgress,
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

  if (!isObject(result.capabilities.tools)) return;
  ctx.enterPhase('tools_list');
  const endpoint = discover.url;
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
