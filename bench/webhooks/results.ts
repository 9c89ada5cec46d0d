import type { ProbeResult } from '@mcpulse/core';
import type { ResultJob } from '@mcpulse/engine';
import { REGION } from './bench-world.js';

/** Two results in a row from the monitor's one region: what confirms a status with the default settings. */
export function confirmingResults(monitorId: string, status: 'up' | 'down', firstSlot: number): ResultJob[] {
  return [0, 1].map((i) => {
    const slot = new Date(firstSlot + i * 60_000).toISOString();
    const result: ProbeResult = {
      auth: null,
      url: 'https://mcp.example.com/mcp',
      status,
      error:
        status === 'down'
          ? { code: 'timeout', message: 'no answer within 10000 ms', phase: 'handshake' }
          : null,
      httpAlive: status === 'up',
      transport: 'streamable-http',
      era: 'modern',
      protocolVersion: '2026-07-28',
      serverInfo: { name: 'bench', version: '1' },
      capabilities: { tools: {} },
      toolCount: status === 'up' ? 1 : null,
      schemaHash: status === 'up' ? 'a'.repeat(64) : null,
      timings: {
        dnsMs: 1,
        connectMs: 1,
        tlsMs: null,
        negotiationMs: null,
        handshakeMs: 3,
        toolsListMs: 3,
        toolCallMs: null,
        otherMs: 2,
        totalMs: 10,
      },
      checkedAt: new Date(Date.parse(slot) + 50).toISOString(),
    };
    return {
      monitorId,
      region: REGION,
      slot,
      result,
      tools: status === 'up' ? [{ name: 'search', inputSchema: { type: 'object' } }] : null,
    };
  });
}
