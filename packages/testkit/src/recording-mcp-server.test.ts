import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordingMcpServer, startRecordingMcpServer } from './recording-mcp-server.js';

async function rpc(url: string, method: string, id: number | null, params: unknown = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'recorder-test/1' },
    body: JSON.stringify({ jsonrpc: '2.0', method, ...(id === null ? {} : { id }), params }),
  });
  return {
    status: response.status,
    body: (response.status === 202 ? null : await response.json()) as {
      result?: { tools?: { name: string }[] };
    } | null,
  };
}

async function check(url: string) {
  await rpc(url, 'server/discover', 1);
  await rpc(url, 'initialize', 2, { clientInfo: { name: 'tester', version: '1' } });
  await rpc(url, 'notifications/initialized', null);
  return rpc(url, 'tools/list', 3);
}

describe('the recording MCP server', () => {
  let server: RecordingMcpServer;
  beforeAll(async () => {
    server = await startRecordingMcpServer({ delayMs: 100 });
  });
  afterAll(() => server.close());

  it('answers a legacy check and counts overlapping checks and the rest between them', async () => {
    const listed = await check(server.url);
    expect(listed.body?.result?.tools?.[0]?.name).toBe('echo');
    await new Promise((resolve) => setTimeout(resolve, 150));
    await Promise.all([check(server.url), check(server.url)]);
    const record = server.record();
    expect(record.checks).toBe(3);
    expect(record.maxConcurrent).toBe(2);
    expect(record.leastGapMs).toBeGreaterThanOrEqual(140);
    expect(record.userAgents).toEqual(['recorder-test/1', 'recorder-test/1', 'recorder-test/1']);
    expect(record.clientInfos).toEqual([
      { name: 'tester', version: '1' },
      { name: 'tester', version: '1' },
      { name: 'tester', version: '1' },
    ]);
  });
});
