import type { ProbeOptions, ProbeReport } from '@mcpulse/probe';
import { runProbe } from '@mcpulse/probe';
import { type FixtureServer, startV2ModernOnly } from '@mcpulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBES_IN_FLIGHT_PER_ORGANIZATION } from '../src/domain/monitors/probe-slots.js';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

/** Probes the API runs for a caller, held until the test lets them finish. */
describe('probes in flight per organisation', () => {
  let t: TestApp;
  let server: FixtureServer;
  let release: () => void = () => {};
  /** Probes that took a slot and reached the prober (held at the gate until released). */
  let entered = 0;
  let gate = Promise.resolve();
  const hold = () => {
    gate = new Promise<void>((resolve) => {
      release = resolve;
    });
  };

  beforeAll(async () => {
    server = await startV2ModernOnly();
    t = await createTestApp({
      probe: async (options: ProbeOptions): Promise<ProbeReport> => {
        entered++;
        await gate;
        return runProbe(options);
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
  });

  const checkNow = (caller: Caller, id: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/monitors/${id}/check`, headers: caller.headers });
  const testConnection = (caller: Caller) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/monitors/test',
      headers: caller.headers,
      payload: { url: server.url },
    });

  it('refuses one more than the cap with 429, counts every kind of probe, and frees slots as probes end', async () => {
    const busy = await signUpUser(t.app);
    const other = await signUpUser(t.app);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/monitors',
      headers: busy.headers,
      payload: { name: 'capped', url: server.url },
    });
    const id = created.json<{ monitor: { id: string } }>().monitor.id;

    hold();
    const running = [
      ...Array.from({ length: PROBES_IN_FLIGHT_PER_ORGANIZATION - 1 }, () => checkNow(busy, id)),
      testConnection(busy),
    ];
    // Every slot taken before the one too many is asked for, however busy the machine.
    while (entered < PROBES_IN_FLIGHT_PER_ORGANIZATION)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const refused = await checkNow(busy, id);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'rate_limited' });
    expect((await testConnection(busy)).statusCode).toBe(429);

    // Another organisation has slots of its own.
    const elsewhere = testConnection(other);
    release();
    const done = await Promise.all([...running, elsewhere]);
    expect(done.map((response) => response.statusCode)).toEqual(Array(running.length + 1).fill(200));
    expect(['up', 'degraded']).toContain(done[0]?.json().status);

    expect((await checkNow(busy, id)).statusCode).toBe(200);
  });
});
