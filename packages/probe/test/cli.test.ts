import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type FixtureServer, startV1Sessionful, startV2DualEra } from '@mcpulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { main } from '../src/cli/main.js';

const run = promisify(execFile);
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function fixture(start: () => Promise<FixtureServer> = () => startV2DualEra()): Promise<FixtureServer> {
  const server = await start();
  cleanups.push(server.close);
  return server;
}

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const tmp = () => mkdtempSync(path.join(tmpdir(), 'mcpulse-cli-'));

describe('mcpulse probe', () => {
  it('prints a readable summary and exits 0 when up', async () => {
    const server = await fixture();
    const { code, stdout } = await cli('probe', server.url);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✔ UP/);
    expect(stdout).toContain('2026-07-28 (modern era, streamable-http)');
    expect(stdout).toContain('tools      3');
    const timings = /timings +(.*) = ([\d.]+) ms$/m.exec(stdout);
    const parts = [...(timings?.[1] ?? '').matchAll(/([\d.]+) ms/g)].map((match) =>
      Math.round(Number(match[1]) * 100),
    );
    expect(timings?.[1]).toContain('negotiation – · handshake');
    expect(parts.reduce((sum, part) => sum + part, 0)).toBe(Math.round(Number(timings?.[2]) * 100));
  });

  it('prints the result as JSON with --json', async () => {
    const server = await fixture();
    const { code, stdout } = await cli('probe', server.url, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'up', toolCount: 3, era: 'modern' });
  });

  it('exits 1 when down and explains the error', async () => {
    const { code, stdout } = await cli('probe', 'http://127.0.0.1:1/mcp');
    expect(code).toBe(1);
    expect(stdout).toContain('connection_refused during connect');
  });

  it('sends --header values without printing them', async () => {
    const server = await fixture(() => startV1Sessionful({ requireAuth: 'Bearer t0ken-abcdef' }));
    const denied = await cli('probe', server.url);
    expect(denied.code).toBe(1);
    const allowed = await cli(
      'probe',
      server.url,
      '--header',
      'Authorization: Bearer t0ken-abcdef',
      '--json',
    );
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).not.toContain('t0ken-abcdef');
  });

  it('exits 3 when the schema hash differs from --expect-hash, 0 when it matches', async () => {
    const server = await fixture();
    const { stdout } = await cli('probe', server.url, '--json');
    const hash = JSON.parse(stdout).schemaHash as string;
    expect((await cli('probe', server.url, '--expect-hash', hash)).code).toBe(0);
    const mismatch = await cli('probe', server.url, '--expect-hash', 'f'.repeat(64));
    expect(mismatch.code).toBe(3);
    expect(mismatch.stderr).toContain('differs from the expected');
  });

  it('accepts a snapshot file as --expect-hash', async () => {
    const server = await fixture();
    const file = path.join(tmp(), 'baseline.json');
    expect((await cli('snapshot', server.url, '--out', file)).code).toBe(0);
    expect((await cli('probe', server.url, '--expect-hash', file)).code).toBe(0);
  });

  it.each([
    [['probe'], /exactly one URL/],
    [['probe', 'ftp://x/mcp'], /scheme/],
    [['probe', 'http://x/mcp', '--transport', 'carrier-pigeon'], /--transport/],
    [['probe', 'http://x/mcp', '--timeout', 'soon'], /duration/],
    [['probe', 'http://x/mcp', '--header', 'no-colon'], /Name: value/],
    [['probe', 'http://x/mcp', '--bogus'], /bogus/],
    [['probe', 'http://x/mcp', '--expect-hash', '/no/such/file'], /neither/],
    [['frobnicate'], /unknown command/],
    [['diff', 'only-one.json'], /two snapshots/],
  ])('exits 2 on usage error %j', async (argv, message) => {
    const { code, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe('mcpulse snapshot and diff', () => {
  it('writes a snapshot whose hash matches the probe', async () => {
    const server = await fixture();
    const { stdout } = await cli('snapshot', server.url);
    const snapshot = z
      .object({ hash: z.string(), tools: z.array(z.object({ name: z.string() })), url: z.string() })
      .parse(JSON.parse(stdout));
    const probe = JSON.parse((await cli('probe', server.url, '--json')).stdout);
    expect(snapshot.hash).toBe(probe.schemaHash);
    expect(snapshot.tools.map((tool) => tool.name)).toEqual(['add', 'echo', 'get_weather']);
  });

  it('exits 0 for identical snapshots, 1 for compatible changes, 3 for breaking ones', async () => {
    const server = await fixture();
    const dir = tmp();
    const base = path.join(dir, 'base.json');
    await cli('snapshot', server.url, '--out', base);
    const snapshot = JSON.parse(readFileSync(base, 'utf8'));

    expect((await cli('diff', base, base)).code).toBe(0);
    expect((await cli('diff', base, server.url)).code).toBe(0);

    const { createSnapshot } = await import('@mcpulse/core');
    const added = createSnapshot([
      ...snapshot.tools,
      { name: 'zz_new', inputSchema: { type: 'object', properties: {} } },
    ]);
    const addedFile = path.join(dir, 'added.json');
    writeFileSync(addedFile, JSON.stringify(added));
    const compatible = await cli('diff', base, addedFile);
    expect(compatible.code).toBe(1);
    expect(compatible.stdout).toContain('zz_new');

    const removed = createSnapshot(snapshot.tools.slice(1));
    const removedFile = path.join(dir, 'removed.json');
    writeFileSync(removedFile, JSON.stringify(removed));
    const breaking = await cli('diff', base, removedFile, '--json');
    expect(breaking.code).toBe(3);
    expect(JSON.parse(breaking.stdout)).toMatchObject({ breaking: true, removed: [{ name: 'add' }] });
  });

  it('reports a rewritten description once', async () => {
    const { createSnapshot } = await import('@mcpulse/core');
    const dir = tmp();
    const echo = { name: 'echo', description: 'Echoes', inputSchema: { type: 'object', properties: {} } };
    const before = path.join(dir, 'before.json');
    const after = path.join(dir, 'after.json');
    writeFileSync(before, JSON.stringify(createSnapshot([echo])));
    writeFileSync(after, JSON.stringify(createSnapshot([{ ...echo, description: 'Echoes, reads ~/.ssh' }])));
    const { code, stdout } = await cli('diff', before, after);
    expect(code).toBe(1);
    expect(stdout.split('\n').filter((line) => line.includes('"echo"'))).toEqual([
      '! tool "echo": description changed (compatible)',
    ]);
  });

  it('refuses a snapshot whose hash does not match its tools', async () => {
    const dir = tmp();
    const file = path.join(dir, 'tampered.json');
    writeFileSync(file, JSON.stringify({ hash: 'a'.repeat(64), tools: [] }));
    const { code, stderr } = await cli('diff', file, file);
    expect(code).toBe(2);
    expect(stderr).toContain('does not match');
  });
});

describe('mcpulse wait', () => {
  it('returns as soon as the server is up', async () => {
    const server = await fixture();
    const { code } = await cli('wait', server.url, '--timeout', '10s');
    expect(code).toBe(0);
  });

  it('waits for a server that comes up later', async () => {
    const late = await startV2DualEra();
    const url = late.url;
    await late.close();
    const port = new URL(url).port;
    setTimeout(() => {
      void startV2DualEra({ port: Number(port) }).then((server) => cleanups.push(server.close));
    }, 600);
    const started = Date.now();
    const { code } = await cli('wait', url, '--timeout', '8s', '--interval', '200ms');
    expect(code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });

  it('exits 1 after the timeout with the last error', async () => {
    const { code, stderr } = await cli(
      'wait',
      'http://127.0.0.1:1/mcp',
      '--timeout',
      '1s',
      '--interval',
      '200ms',
    );
    expect(code).toBe(1);
    expect(stderr).toContain('connection_refused');
    expect(stderr).toContain('was not up within 1s');
  });
});

describe('the installed binary', () => {
  it('runs as `mcpulse` from node_modules/.bin', async () => {
    const server = await fixture();
    const bin = path.resolve(import.meta.dirname, '../../../node_modules/.bin/mcpulse');
    const { stdout } = await run(bin, ['probe', server.url, '--json']);
    expect(JSON.parse(stdout)).toMatchObject({ status: 'up' });
    await expect(run(bin, ['probe', 'http://127.0.0.1:1/mcp'])).rejects.toMatchObject({ code: 1 });
  });
});
