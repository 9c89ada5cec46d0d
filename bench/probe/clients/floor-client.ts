import http from 'node:http';
import { LEGACY_PROTOCOL_VERSIONS, MODERN_PROTOCOL_VERSION } from '@mcpulse/core/domain';
import type { CheckClient } from './check-client.js';

/**
 * The floor: exactly the HTTP exchange mcpulse has with a legacy stateless
 * server (the refused `server/discover`, then `initialize`,
 * `notifications/initialized`, `tools/list`), with the same headers and bodies
 * over a fresh keep-alive agent per check, each body parsed as JSON and nothing
 * else: no validation, no deadline bookkeeping, no schema hash. No real probe
 * can cost less than this.
 */
const CLIENT_INFO = { name: 'mcpulse', version: '0.1.0' };
const LEGACY_VERSION = LEGACY_PROTOCOL_VERSIONS[0];
const BASE_HEADERS = {
  'user-agent': `mcpulse-probe/${CLIENT_INFO.version}`,
  accept: 'application/json, text/event-stream',
  'content-type': 'application/json',
};

function post(agent: http.Agent, url: URL, message: unknown, extra: Record<string, string>) {
  const body = JSON.stringify(message);
  const headers = { ...BASE_HEADERS, ...extra, 'content-length': String(Buffer.byteLength(body)) };
  return new Promise<{ status: number; json: unknown }>((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', reject);
      response.once('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: response.statusCode ?? 0, json: text === '' ? null : JSON.parse(text) });
        } catch (error) {
          reject(error);
        }
      });
    });
    request.once('error', reject);
    request.end(body);
  });
}

export const floorClient: CheckClient = {
  id: 'floor',
  label: 'raw node:http floor',
  async check(target) {
    const url = new URL(target);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    try {
      const meta = {
        'io.modelcontextprotocol/protocolVersion': MODERN_PROTOCOL_VERSION,
        'io.modelcontextprotocol/clientInfo': CLIENT_INFO,
        'io.modelcontextprotocol/clientCapabilities': {},
      };
      const discover = await post(
        agent,
        url,
        { jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: meta } },
        { 'mcp-protocol-version': MODERN_PROTOCOL_VERSION, 'mcp-method': 'server/discover' },
      );
      if (discover.status !== 400) throw new Error(`floor: server/discover answered ${discover.status}`);
      const init = await post(
        agent,
        url,
        {
          jsonrpc: '2.0',
          id: 1,
          method: 'initialize',
          params: { protocolVersion: LEGACY_VERSION, capabilities: {}, clientInfo: CLIENT_INFO },
        },
        {},
      );
      if (init.status !== 200) throw new Error(`floor: initialize answered ${init.status}`);
      const session = { 'mcp-protocol-version': LEGACY_VERSION };
      await post(agent, url, { jsonrpc: '2.0', method: 'notifications/initialized' }, session);
      const list = await post(
        agent,
        url,
        { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} },
        session,
      );
      if (list.status !== 200) throw new Error(`floor: tools/list answered ${list.status}`);
    } finally {
      agent.destroy();
    }
  },
};
