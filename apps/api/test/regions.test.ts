import { createLogger } from '@mcpulse/config';
import { createProcessMetrics, PROBE_HEARTBEAT, probeBeatName } from '@mcpulse/engine';
import { createMemoryBackend, type QueueBackend } from '@mcpulse/queue';
import { parsePrometheus, sampleValue } from '@mcpulse/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUpUser, type TestApp } from './support/test-app.js';

let t: TestApp;
let queues: QueueBackend;
/** The API's clock: moved forward to see a region fall silent. */
let clock = 0;

beforeAll(async () => {
  queues = createMemoryBackend({ logger: createLogger({ name: 'regions-test', level: 'silent' }) });
  t = await createTestApp({
    regions: ['eu-west', 'us-east'],
    queues,
    metrics: createProcessMetrics('api'),
    now: () => new Date(Date.now() + clock),
  });
});
afterAll(async () => {
  await t?.close();
  await queues?.close();
});

describe('GET /api/v1/regions', () => {
  it("lists the deployment's regions to a signed-in caller, each with its workers' last heartbeat", async () => {
    const caller = await signUpUser(t.app);
    await queues.beat(probeBeatName('eu-west'));
    const beat = (await queues.beats()).get(probeBeatName('eu-west'))!;

    const response = await t.app.inject({ method: 'GET', url: '/api/v1/regions', headers: caller.headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      regions: ['eu-west', 'us-east'],
      heartbeats: [
        { region: 'eu-west', lastHeartbeatAt: beat.toISOString(), silent: false },
        { region: 'us-east', lastHeartbeatAt: null, silent: true },
      ],
    });

    clock = PROBE_HEARTBEAT.silentAfterMs + 1_000;
    try {
      const later = await t.app.inject({ method: 'GET', url: '/api/v1/regions', headers: caller.headers });
      expect(later.json().heartbeats[0]).toEqual({
        region: 'eu-west',
        lastHeartbeatAt: beat.toISOString(),
        silent: true,
      });
    } finally {
      clock = 0;
    }
  });

  it('needs authentication', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/regions' })).statusCode).toBe(401);
  });
});

describe('GET /readyz', () => {
  it('stays ready while regions are silent, and lists them', async () => {
    await queues.beat(probeBeatName('eu-west'));
    const response = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ready',
      regions: [
        { region: 'eu-west', silent: false },
        { region: 'us-east', lastHeartbeatAt: null, silent: true },
      ],
      silentRegions: ['us-east'],
    });

    clock = PROBE_HEARTBEAT.silentAfterMs + 1_000;
    try {
      const allSilent = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(allSilent.statusCode).toBe(200);
      expect(allSilent.json()).toMatchObject({ status: 'ready', silentRegions: ['eu-west', 'us-east'] });
    } finally {
      clock = 0;
    }
  });
});

describe('GET /metrics', () => {
  it("gives Prometheus each region's silence and heartbeat age, for any Host and without a key", async () => {
    await queues.beat(probeBeatName('eu-west'));
    const scrape = async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { host: '10.0.0.7:3000' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      return parsePrometheus(response.body);
    };
    const families = await scrape();
    const silent = (region: string) =>
      sampleValue(families, 'mcpulse_region_silent', { region, role: 'api' });
    expect([silent('eu-west'), silent('us-east')]).toEqual([0, 1]);
    expect(sampleValue(families, 'mcpulse_region_heartbeat_age_seconds', { region: 'eu-west' })).toBeLessThan(
      5,
    );
    expect(
      sampleValue(families, 'mcpulse_region_heartbeat_age_seconds', { region: 'us-east' }),
    ).toBeUndefined();

    clock = PROBE_HEARTBEAT.silentAfterMs + 1_000;
    try {
      expect(sampleValue(await scrape(), 'mcpulse_region_silent', { region: 'eu-west' })).toBe(1);
    } finally {
      clock = 0;
    }
  });

  it('labels no series by monitor or organisation', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    const labels = new Set(
      parsePrometheus(response.body).flatMap((family) =>
        family.metrics.flatMap((metric) => Object.keys(metric.labels ?? {})),
      ),
    );
    expect(labels).toContain('region');
    expect([...labels].filter((label) => /monitor|org|tenant|user|url|account/i.test(label))).toEqual([]);
  });
});
