import type { Tool } from '@mcpulse/core';
import {
  CANARY_TOOLS,
  type FixtureServer,
  startV1LegacySse,
  startV1Sessionful,
  startV1Stateless,
  startV2DualEra,
  startV2ModernOnly,
} from '@mcpulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import type { CanaryCall, ProbeOptions } from '../src/index.js';
import { expectPhasesAddUp } from './support/phases.js';
import { runProbe } from './support/run-probe.js';

let fixture: FixtureServer | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const servers = [
  {
    kind: 'v1 sessionful (legacy, JSON answers)',
    start: startV1Sessionful,
    era: 'legacy',
    transport: 'streamable-http',
  },
  {
    kind: 'v1 stateless (legacy, SSE answers)',
    start: (options: { tools: typeof CANARY_TOOLS }) => startV1Stateless({ ...options, jsonResponse: false }),
    era: 'legacy',
    transport: 'streamable-http',
  },
  { kind: 'v1 HTTP+SSE (legacy)', start: startV1LegacySse, era: 'legacy', transport: 'sse' },
  { kind: 'v2 modern-only', start: startV2ModernOnly, era: 'modern', transport: 'streamable-http' },
  { kind: 'v2 dual-era (modern spoken)', start: startV2DualEra, era: 'modern', transport: 'streamable-http' },
] as const;

async function probeWith(
  start: (options: { tools: typeof CANARY_TOOLS }) => Promise<FixtureServer>,
  canary: CanaryCall,
  options: Partial<ProbeOptions> = {},
) {
  fixture = await start({ tools: CANARY_TOOLS });
  return runProbe({ url: fixture.url, allowPrivateAddresses: true, canary, ...options });
}

describe.each(servers)('the tool-call canary against $kind', ({ start, era, transport }) => {
  it('calls the tool after tools/list and times the call as a phase of its own', async () => {
    const { result, tools } = await probeWith(start, {
      tool: 'status',
      arguments: { region: 'eu-west' },
      expect: { kind: 'json_path', path: '$.region', equals: 'eu-west' },
    });
    expect(result.error).toBeNull();
    expect(result.status).not.toBe('down');
    expect(result.era).toBe(era);
    expect(result.transport).toBe(transport);
    expect(result.timings.toolCallMs).toBeGreaterThan(0);
    expect(result.timings.toolsListMs).toBeGreaterThan(0);
    expectPhasesAddUp(result.timings);
    expect(tools?.map((tool) => tool.name)).toContain('status');
  });

  it('reports isError as tool_error with the excerpt of what the tool said, keeping the listing', async () => {
    const { result, tools } = await probeWith(start, { tool: 'fail', arguments: {} });
    expect(result.status).toBe('down');
    expect(result.error).toMatchObject({ code: 'tool_error', phase: 'tool_call' });
    expect(result.error?.message).toContain('upstream database unavailable');
    expect(result.schemaHash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.toolCount).toBe(CANARY_TOOLS.length);
    expect(tools).toHaveLength(CANARY_TOOLS.length);
    expectPhasesAddUp(result.timings);
  });

  it('reads progress notifications sent before the result to the end', async () => {
    const { result } = await probeWith(start, {
      tool: 'slow_report',
      arguments: {},
      expect: { kind: 'contains', text: 'report ready (progress sent: 3)' },
    });
    expect(result.error).toBeNull();
    expect(result.timings.toolCallMs).toBeGreaterThanOrEqual(50);
  });

  it('ends a call that never answers at its own deadline, a timeout in tool_call', async () => {
    const started = performance.now();
    const { result } = await probeWith(
      start,
      { tool: 'hang', arguments: {}, timeoutMs: 300 },
      { timeoutMs: 8_000 },
    );
    expect(result.error).toMatchObject({ code: 'timeout', phase: 'tool_call' });
    expect(result.error?.message).toContain("the tool call's own 300 ms deadline");
    expect(result.timings.toolCallMs).toBeGreaterThanOrEqual(290);
    expect(performance.now() - started).toBeLessThan(3_000);
    expectPhasesAddUp(result.timings);
  });

  it('fails an expectation the result does not meet', async () => {
    const contains = await probeWith(start, {
      tool: 'status',
      arguments: {},
      expect: { kind: 'contains', text: 'degraded' },
    });
    expect(contains.result.error).toMatchObject({ code: 'expectation_failed', phase: 'tool_call' });
    expect(contains.result.error?.message).toContain('does not contain "degraded"');
    await fixture?.close();
    const atPath = await probeWith(start, {
      tool: 'status',
      arguments: {},
      expect: { kind: 'json_path', path: '$.checks[0].ok', equals: false },
    });
    expect(atPath.result.error).toMatchObject({ code: 'expectation_failed', phase: 'tool_call' });
    expect(atPath.result.error?.message).toContain('$.checks[0].ok in structuredContent is true, not false');
  });
});

describe('the tool-call canary', () => {
  it('reports a tool the server does not list as tool_error, without calling it', async () => {
    const { result } = await probeWith(startV1Sessionful, { tool: 'missing', arguments: {} });
    expect(result.error).toMatchObject({ code: 'tool_error', phase: 'tool_call' });
    expect(result.error?.message).toContain('"missing" is not in the server\'s tools/list');
    expect(fixture?.requests.some((request) => request.method === 'POST')).toBe(true);
  });

  it('ends a call that never answers at the check deadline when it has none of its own', async () => {
    const { result } = await probeWith(
      startV2ModernOnly,
      { tool: 'hang', arguments: {} },
      { timeoutMs: 1_000 },
    );
    expect(result.error).toMatchObject({ code: 'timeout', phase: 'tool_call' });
    expect(result.error?.message).toContain('the 1000 ms deadline');
  });

  it('sends Mcp-Name and the Mcp-Param headers the tool declares in the modern era', async () => {
    const { result } = await probeWith(startV2ModernOnly, {
      tool: 'status',
      arguments: { region: 'ütopia' },
    });
    expect(result.error).toBeNull();
    const call = fixture?.requests.find((request) => request.headers['mcp-method'] === 'tools/call');
    expect(call?.headers['mcp-name']).toBe('status');
    expect(call?.headers['mcp-param-region']).toBe(`=?base64?${Buffer.from('ütopia').toString('base64')}?=`);
  });

  it('hands the listing to beforeCall, off the clock, and stops the check with what it throws', async () => {
    let seen: readonly Tool[] = [];
    const refused = new Error('arguments do not match');
    await expect(
      probeWith(startV2DualEra, {
        tool: 'status',
        arguments: {},
        beforeCall: (tools) => {
          seen = tools;
          throw refused;
        },
      }),
    ).rejects.toBe(refused);
    expect(seen.map((tool) => tool.name)).toEqual(CANARY_TOOLS.map((tool) => tool.name));
    expect(fixture?.requests.some((request) => request.headers['mcp-method'] === 'tools/call')).toBe(false);
  });

  it('leaves a declared but empty listing to no_tools', async () => {
    fixture = await startV1Sessionful({ tools: [] });
    const { result } = await runProbe({
      url: fixture.url,
      allowPrivateAddresses: true,
      canary: { tool: 'status', arguments: {} },
    });
    expect(result.error?.code).toBe('no_tools');
  });

  it('refuses a canary it could never send', async () => {
    await expect(
      runProbe({ url: 'http://127.0.0.1:1/mcp', canary: { tool: '', arguments: {} } }),
    ).rejects.toThrow(/tool name/);
    await expect(
      runProbe({
        url: 'http://127.0.0.1:1/mcp',
        canary: { tool: 'a', arguments: {}, expect: { kind: 'json_path', path: 'a.b', equals: 1 } },
      }),
    ).rejects.toThrow(/JSON path/);
  });
});
