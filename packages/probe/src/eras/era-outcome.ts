import type { ServerInfo, Tool } from '@mcpulse/core';
import type { ProbeTransport, ProtocolEra } from '@mcpulse/core/domain';

/** What an era attempt learnt, filled in as it goes so a failure still reports how far it got. */
export interface EraProgress {
  era: ProtocolEra;
  transport: ProbeTransport;
  protocolVersion: string | null;
  serverInfo: ServerInfo | null;
  capabilities: Record<string, unknown> | null;
  /** null when the server does not declare the tools capability. */
  tools: Tool[] | null;
}

export function newProgress(era: ProtocolEra, transport: ProbeTransport): EraProgress {
  return {
    era,
    transport,
    protocolVersion: null,
    serverInfo: null,
    capabilities: null,
    tools: null,
  };
}
