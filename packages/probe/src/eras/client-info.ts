/** The MCP `Implementation` a client names itself with (`title` and `websiteUrl` since 2025-06-18 and 2025-11-25). */
export interface ClientInfo {
  name: string;
  version: string;
  title?: string;
  websiteUrl?: string;
}

export const DEFAULT_CLIENT_INFO: ClientInfo = { name: 'mcpulse', version: '0.1.0' };
