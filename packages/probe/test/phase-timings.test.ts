import type { ServerResponse } from 'node:http';
import { type RawServer, startRawServer, startV1LegacySse } from '@mcpulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { roundedTimings } from '../src/phase-timings.js';
import { expectPhasesAddUp } from './support/phases.js';
import {
  INIT_RESULT,
  legacyServer,
  refuseModern,
  result,
  SAMPLE_TOOL,
  startRpcServer,
} from './support/rpc-server.js';
import { runProbe } from './support/run-probe.js';

let server: RawServer | { close(): Promise<void> } | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const later = (ms: number, answer: () => void) => void setTimeout(answer, ms);

describe('phase timings', () => {
  it('counts a slow refused first era as negotiation, apart from the handshake of the era that answered', async () => {
    const started = await startRpcServer((message, _req, res) => {
      if (message.method === 'server/discover') return later(200, () => refuseModern(res, message.id));
      if (message.method === 'initialize') return result(res, message.id, INIT_RESULT);
      if (message.method === 'notifications/initialized') return void res.writeHead(202).end();
      if (message.method === 'tools/list') return result(res, message.id, { tools: [SAMPLE_TOOL] });
    });
    server = started;
    const { result: probe } = await runProbe({ url: `${started.url}/mcp`, allowPrivateAddresses: true });
    expect(probe).toMatchObject({ status: 'up', era: 'legacy' });
    expect(probe.timings.negotiationMs).toBeGreaterThanOrEqual(195);
    expect(probe.timings.handshakeMs).toBeLessThan(195);
    expectPhasesAddUp(probe.timings);
  });

  it("puts a slow server's time in its phases, leaving the probe's own remainder small", async () => {
    // The regression this guards: time spent waiting on the server counted as `otherMs` (a check of
    // 189 ms whose phases held 94). A server's waits belong to negotiation, handshake and tools/list.
    const started = await startRpcServer((message, _req, res) => {
      if (message.method === 'server/discover') return later(200, () => refuseModern(res, message.id));
      if (message.method === 'initialize') return later(200, () => result(res, message.id, INIT_RESULT));
      if (message.method === 'notifications/initialized') return void res.writeHead(202).end();
      if (message.method === 'tools/list')
        return later(200, () => result(res, message.id, { tools: [SAMPLE_TOOL] }));
    });
    server = started;
    // The first check warms the probe's code; the second is what a monitor's every minute looks like.
    await runProbe({ url: `${started.url}/mcp`, allowPrivateAddresses: true });
    const { result: probe } = await runProbe({ url: `${started.url}/mcp`, allowPrivateAddresses: true });
    expect(probe.status).toBe('up');
    expect(probe.timings.negotiationMs).toBeGreaterThanOrEqual(195);
    expect(probe.timings.handshakeMs).toBeGreaterThanOrEqual(195);
    expect(probe.timings.toolsListMs).toBeGreaterThanOrEqual(195);
    // Any one wait misplaced would put 200 ms here; the probe's own work is a few ms (more on a busy machine).
    expect(probe.timings.otherMs).toBeLessThan(100);
    expectPhasesAddUp(probe.timings);
  });

  it('counts both refused attempts before an HTTP+SSE server answers as negotiation', async () => {
    const fixture = await startV1LegacySse();
    server = fixture;
    const { result: probe } = await runProbe({ url: fixture.url, allowPrivateAddresses: true });
    expect(probe).toMatchObject({ status: 'up', transport: 'sse' });
    expect(probe.timings.negotiationMs).toBeGreaterThan(0);
    expectPhasesAddUp(probe.timings);
    const pinned = await runProbe({ url: fixture.url, allowPrivateAddresses: true, transport: 'sse' });
    expect(pinned.result.timings.negotiationMs).toBeNull();
    expectPhasesAddUp(pinned.result.timings);
  });

  it('leaves the courtesy DELETE of a session out of the total', async () => {
    let deleted = 0;
    const started = await startRawServer((req, res: ServerResponse) => {
      if (req.method === 'DELETE') {
        later(800, () => {
          deleted = Date.now();
          res.writeHead(200).end();
        });
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const message = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          id?: number;
          method?: string;
        };
        const session = { 'mcp-session-id': 'session-1' };
        if (message.method === 'server/discover') return refuseModern(res, message.id);
        if (message.method === 'initialize') return result(res, message.id, INIT_RESULT, session);
        if (message.method === 'notifications/initialized') return void res.writeHead(202).end();
        result(res, message.id, { tools: [SAMPLE_TOOL] });
      });
    });
    server = started;
    const begun = Date.now();
    const { result: probe } = await runProbe({ url: `${started.url}/mcp`, allowPrivateAddresses: true });
    expect(probe.status).toBe('up');
    expect(deleted - begun).toBeGreaterThanOrEqual(790);
    expect(probe.timings.totalMs).toBeLessThan(790);
    expectPhasesAddUp(probe.timings);
  });

  it('adds up for a check that fails, the unfinished phase holding the time until the failure', async () => {
    const silent = await legacyServer(() => {});
    server = silent;
    const { result: probe } = await runProbe({
      url: `${silent.url}/mcp`,
      allowPrivateAddresses: true,
      timeoutMs: 1000,
    });
    expect(probe.error).toMatchObject({ code: 'timeout', phase: 'tools_list' });
    expect(probe.timings.toolsListMs).toBeGreaterThan(800);
    expectPhasesAddUp(probe.timings);

    const refused = await runProbe({ url: 'http://127.0.0.1:1/mcp', allowPrivateAddresses: true });
    expect(refused.result.error?.code).toBe('connection_refused');
    expect(refused.result.timings.toolsListMs).toBeNull();
    expectPhasesAddUp(refused.result.timings);
  });

  it('rounds the parts so that they add up to the rounded total, whatever the fractions', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let run = 0; run < 2_000; run++) {
      const part = () => (random() < 0.3 ? null : random() * 300);
      const parts = {
        dns: part(),
        connect: part(),
        tls: part(),
        negotiation: part(),
        handshake: part(),
        toolsList: part(),
        toolCall: part(),
        other: random() * 2,
      };
      const total = Object.values(parts).reduce<number>((sum, ms) => sum + (ms ?? 0), 0);
      const timings = roundedTimings({ ...parts, total });
      expectPhasesAddUp(timings);
      expect(timings.totalMs).toBe(Math.round(total * 100) / 100);
      expect(timings.negotiationMs === null).toBe(parts.negotiation === null);
      for (const [key, exact] of [
        ['dnsMs', parts.dns],
        ['handshakeMs', parts.handshake],
        ['toolCallMs', parts.toolCall],
      ] as const) {
        if (exact !== null) expect(Math.abs((timings[key] ?? 0) - exact)).toBeLessThanOrEqual(0.01 + 1e-9);
      }
    }
  });
});
