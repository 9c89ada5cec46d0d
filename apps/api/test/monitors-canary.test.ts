import { monitorState, schemaSnapshots } from '@mcpulse/db';
import { type ProbeOptions, runProbe } from '@mcpulse/probe';
import { CANARY_TOOLS, type FixtureServer, startV1Sessionful, startV2DualEra } from '@mcpulse/testkit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

let t: TestApp;
let owner: Caller;
let server: FixtureServer;
let hostile: FixtureServer;
const probed: ProbeOptions[] = [];

const HOSTILE_PATTERN = /^(a+)+$/;

beforeAll(async () => {
  [server, hostile] = await Promise.all([
    startV2DualEra({ tools: CANARY_TOOLS }),
    startV1Sessionful({
      tools: [
        {
          name: 'lookup',
          input: { key: z.string().regex(HOSTILE_PATTERN) },
          annotations: { readOnlyHint: true },
        },
      ],
    }),
  ]);
  t = await createTestApp({
    probe: (options) => {
      probed.push(options);
      return runProbe(options);
    },
  });
  owner = await signUpUser(t.app);
});
afterAll(async () => {
  await t?.close();
  await Promise.all([server?.close(), hostile?.close()]);
});
beforeEach(() => {
  probed.length = 0;
});

function send(method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object) {
  return t.app.inject({ method, url, headers: owner.headers, ...(payload ? { payload } : {}) });
}

const canary = (tool: string, extra: object = {}) => ({
  tool,
  arguments: {},
  expect: null,
  timeoutMs: null,
  confirmedNoSideEffects: false,
  ...extra,
});

function expectRefused(response: { statusCode: number; body: string; json(): unknown }, field: string) {
  expect(response.statusCode, response.body).toBe(400);
  expect((response.json() as { error: { field: string } }).error.field).toBe(field);
}

describe('test connection', () => {
  it('answers the tools the server lists, to choose a canary from', async () => {
    const response = await send('POST', '/api/v1/monitors/test', { url: server.url });
    expect(response.statusCode, response.body).toBe(200);
    const { tools, timings } = response.json();
    expect(tools.map((tool: { name: string }) => tool.name).sort()).toEqual(
      CANARY_TOOLS.map((tool) => tool.name).sort(),
    );
    expect(tools.find((tool: { name: string }) => tool.name === 'status').annotations).toEqual({
      readOnlyHint: true,
    });
    expect(timings.toolCallMs).toBeNull();
  });

  it('tests a call: checked against the live schema, then called and timed', async () => {
    const response = await send('POST', '/api/v1/monitors/test', {
      url: server.url,
      canary: canary('status', {
        arguments: { region: 'eu' },
        expect: { kind: 'json_path', path: '$.region', equals: 'eu' },
      }),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'up', error: null });
    expect(response.json().timings.toolCallMs).toBeGreaterThan(0);
    const failing = await send('POST', '/api/v1/monitors/test', { url: server.url, canary: canary('fail') });
    expect(failing.json().error).toMatchObject({ code: 'tool_error', phase: 'tool_call' });
  });

  it('refuses a call whose arguments the tool would refuse, without calling it', async () => {
    const response = await send('POST', '/api/v1/monitors/test', {
      url: server.url,
      canary: canary('write_note', { arguments: { text: 5 }, confirmedNoSideEffects: true }),
    });
    expectRefused(response, 'canary.arguments.text');
    expect(response.json().error.message).toContain('must be string');
    expect(server.requests.some((request) => request.headers['mcp-name'] === 'write_note')).toBe(false);
  });
});

describe('saving a canary', () => {
  it('after "test this call", saves it with the token and probes no more', async () => {
    const settings = { url: server.url, canary: canary('status', { arguments: { region: 'us' } }) };
    const tested = await send('POST', '/api/v1/monitors/test', settings);
    expect(tested.statusCode, tested.body).toBe(200);
    probed.length = 0;
    const created = await send('POST', '/api/v1/monitors', {
      name: 'tested',
      ...settings,
      firstCheckToken: tested.json().firstCheckToken,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(probed).toHaveLength(0);
    expect(created.json()).toMatchObject({ probe: null, monitor: { canary: settings.canary } });
    const read = await send('GET', `/api/v1/monitors/${created.json().monitor.id}`);
    expect(read.json().canary).toEqual(settings.canary);
  });

  it('without a token, checks it against a live listing first, and that check is the first', async () => {
    const created = await send('POST', '/api/v1/monitors', {
      name: 'live',
      url: server.url,
      canary: canary('status'),
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(probed).toHaveLength(1);
    expect(created.json().probe).toMatchObject({ status: 'up', error: null });
    expect(created.json().probe.timings.toolCallMs).toBeGreaterThan(0);
  });

  it('needs the no-side-effects confirmation for a tool not annotated read-only', async () => {
    const refused = await send('POST', '/api/v1/monitors', {
      name: 'writer',
      url: server.url,
      canary: canary('write_note', { arguments: { text: 'hi' } }),
    });
    expectRefused(refused, 'canary.confirmedNoSideEffects');
    const confirmed = await send('POST', '/api/v1/monitors', {
      name: 'writer',
      url: server.url,
      canary: canary('write_note', { arguments: { text: 'hi' }, confirmedNoSideEffects: true }),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
  });

  it('names the field at fault for every other mistake', async () => {
    const create = (body: object) =>
      send('POST', '/api/v1/monitors', { name: 'bad', url: server.url, ...body });
    expectRefused(await create({ canary: canary('nope') }), 'canary.tool');
    expectRefused(
      await create({ canary: canary('write_note', { confirmedNoSideEffects: true }) }),
      'canary.arguments.text',
    );
    expectRefused(
      await create({
        canary: canary('status', { expect: { kind: 'json_path', path: 'region', equals: 1 } }),
      }),
      'canary.expect.path',
    );
    expectRefused(
      await create({ timeoutMs: 5_000, canary: canary('status', { timeoutMs: 5_000 }) }),
      'canary.timeoutMs',
    );
    expectRefused(await create({ canary: { ...canary('status'), extra: 1 } }), 'canary.extra');
    expectRefused(await create({ canary: canary('status', { arguments: [1] }) }), 'canary.arguments');
    const unreachable = await send('POST', '/api/v1/monitors', {
      name: 'down',
      url: 'http://127.0.0.1:9/mcp',
      timeoutMs: 2_000,
      canary: canary('status'),
    });
    expectRefused(unreachable, 'canary.tool');
    expect(unreachable.json().error.message).toContain('connection_refused');
  });

  it("bounds the work a hostile server's schema can cause", async () => {
    const started = Date.now();
    const response = await send('POST', '/api/v1/monitors', {
      name: 'hostile',
      url: hostile.url,
      canary: canary('lookup', { arguments: { key: `${'a'.repeat(40)}!` } }),
    });
    expectRefused(response, 'canary.tool');
    expect(response.json().error.message).toContain('took longer than');
    expect(Date.now() - started).toBeLessThan(8_000);
  });
});

describe('changing a canary', () => {
  it('checks a new canary against the server, clears it with null, and check now calls it', async () => {
    const created = await send('POST', '/api/v1/monitors', { name: 'edited', url: server.url });
    const id = created.json().monitor.id;
    expectRefused(await send('PATCH', `/api/v1/monitors/${id}`, { canary: canary('nope') }), 'canary.tool');
    const set = await send('PATCH', `/api/v1/monitors/${id}`, { canary: canary('fail') });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().canary).toEqual(canary('fail'));
    const checked = await send('POST', `/api/v1/monitors/${id}/check`);
    expect(checked.json().error).toMatchObject({ code: 'tool_error', phase: 'tool_call' });
    expect(checked.json().error.message).toContain('upstream database unavailable');
    const renamed = await send('PATCH', `/api/v1/monitors/${id}`, { name: 'renamed' });
    expect(renamed.json().canary).toEqual(canary('fail'));
    const cleared = await send('PATCH', `/api/v1/monitors/${id}`, { canary: null });
    expect(cleared.json().canary).toBeNull();
  });
});

describe("changing a saved monitor's canary", () => {
  it("checks it against the monitor's confirmed snapshot, without a probe, while the URL stays", async () => {
    const created = await send('POST', '/api/v1/monitors', { name: 'snapshotted', url: server.url });
    const id = created.json().monitor.id;
    // A tool only the snapshot has: accepting it proves which listing was read.
    const tools = [
      {
        name: 'archived_search',
        inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
        annotations: { readOnlyHint: true },
      },
    ];
    const db = t.database.handle.db;
    await db
      .insert(schemaSnapshots)
      .values({ monitorId: id, hash: 'f'.repeat(64), tools, toolCount: 1, sizeBytes: 200 });
    await db
      .update(monitorState)
      .set({ schemaHash: 'f'.repeat(64) })
      .where(eq(monitorState.monitorId, id));
    probed.length = 0;
    expectRefused(
      await send('PATCH', `/api/v1/monitors/${id}`, { canary: canary('archived_search') }),
      'canary.arguments.q',
    );
    const accepted = await send('PATCH', `/api/v1/monitors/${id}`, {
      canary: canary('archived_search', { arguments: { q: 'x' } }),
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(probed).toHaveLength(0);
    // Moving the URL checks the kept canary against the new server, which does not list it.
    const moved = await send('PATCH', `/api/v1/monitors/${id}`, { url: `${server.url}?moved=1` });
    expectRefused(moved, 'canary.tool');
    expect(probed).toHaveLength(1);
    expect(probed[0]?.canary).toBeNull();
  });
});

describe('the OpenAPI document', () => {
  it('publishes the canary on monitors, test connection and results', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const schemas = doc.components.schemas;
    expect(Object.keys(schemas.ToolCanary.properties).sort()).toEqual(
      ['arguments', 'confirmedNoSideEffects', 'expect', 'timeoutMs', 'tool'].sort(),
    );
    expect(schemas.ToolCanary.additionalProperties).toBe(false);
    expect(JSON.stringify(doc.paths['/api/v1/monitors'].post.requestBody)).toContain('ToolCanary');
    expect(JSON.stringify(doc.paths['/api/v1/monitors/test'].post.requestBody)).toContain('ToolCanary');
    expect(JSON.stringify(schemas.TestConnectionResult)).toContain('"tools"');
    expect(JSON.stringify(schemas.ProbeResult)).toContain('toolCallMs');
  });
});
