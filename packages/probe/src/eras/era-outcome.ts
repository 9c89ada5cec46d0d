import type { ServerInfo, Tool } from '@mcpulse/core';
import type { ProbeTransport, ProtocolEra } from '@mcpulse/core/domain';
import type { ProbeFailure } from '../probe-failure.js';

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

/** How one era attempt (or the OAuth step of a check) ended. */
export interface AttemptOutcome {
  progress: EraProgress;
  failure: ProbeFailure | null;
  /** The attempt's index on the check's clock: its time is the reported phases' or negotiation. */
  clock: number;
  /** The URL serves no SSE stream at all, so the HTTP+SSE transport does not apply. */
  notSse: boolean;
  /** The check ended with OAuth discovery (no credentials): it listed no tools. */
  authOnly?: boolean;
}
