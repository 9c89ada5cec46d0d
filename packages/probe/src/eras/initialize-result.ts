import type { ServerInfo } from '@mcpulse/core';
import { LEGACY_PROTOCOL_VERSIONS } from '@mcpulse/core/domain';
import { ProbeFailure } from '../probe-failure.js';
import type { CheckContext } from '../wire/check-context.js';
import { isObject, type JsonObject } from '../wire/json-rpc.js';
import type { ClientInfo } from './client-info.js';
import type { EraProgress } from './era-outcome.js';

/**
 * Both legacy transports offer the latest legacy version: a server that does not know it answers
 * with one it supports, which the spec lets the client accept.
 */
export function initializeParams(clientInfo: ClientInfo): JsonObject {
  return { protocolVersion: LEGACY_PROTOCOL_VERSIONS[0], capabilities: {}, clientInfo };
}

/**
 * Checks a legacy `initialize` result against the spec and records what it says: any legacy
 * version is accepted, the one offered or an older one the server chose instead.
 */
export function acceptInitializeResult(ctx: CheckContext, result: JsonObject, progress: EraProgress): void {
  const missing = ['protocolVersion', 'serverInfo', 'capabilities'].filter((key) =>
    key === 'protocolVersion' ? typeof result[key] !== 'string' : !isObject(result[key]),
  );
  if (missing.length > 0) {
    throw new ProbeFailure('protocol_violation', ctx.phase, `initialize result lacks ${missing.join(', ')}`);
  }
  const version = result.protocolVersion as string;
  if (!(LEGACY_PROTOCOL_VERSIONS as readonly string[]).includes(version)) {
    throw new ProbeFailure(
      'protocol_violation',
      ctx.phase,
      `initialize answered with protocol version ${JSON.stringify(version)}, which no MCP revision defines for this handshake`,
    );
  }
  const info = result.serverInfo as JsonObject;
  if (typeof info.name !== 'string') {
    throw new ProbeFailure('protocol_violation', ctx.phase, 'initialize result serverInfo has no name');
  }
  const serverInfo: ServerInfo = {
    ...info,
    name: info.name,
    version: typeof info.version === 'string' ? info.version : '',
  };
  progress.protocolVersion = version;
  progress.serverInfo = serverInfo;
  progress.capabilities = result.capabilities as JsonObject;
}
