/** One way of checking an MCP endpoint; `check` resolves on success and throws on anything else. */
export interface CheckClient {
  id: 'mcpulse' | 'floor' | 'sdk';
  label: string;
  check(url: string): Promise<void>;
}
