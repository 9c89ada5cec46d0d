import { CANARY_TOOLS, type FixtureServer, startV1Sessionful, startV2DualEra } from '@mcpulse/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('mcpulse probe --call-tool', () => {
  it('calls the tool with --args and shows the call in the timings, which still add up', async () => {
    server = await startV2DualEra({ tools: CANARY_TOOLS });
    const { code, stdout } = await cli(
      'probe',
      server.url,
      '--call-tool',
      'status',
      '--args',
      '{"region": "eu"}',
      '--expect-path',
      '$.region',
      '--expect-equals',
      '"eu"',
    );
    expect(code).toBe(0);
    const timings = /timings +(.*) = ([\d.]+) ms$/m.exec(stdout);
    expect(timings?.[1]).toMatch(/tool call [\d.]+ ms/);
    const parts = [...(timings?.[1] ?? '').matchAll(/([\d.]+) ms/g)].map((match) =>
      Math.round(Number(match[1]) * 100),
    );
    expect(parts.reduce((sum, part) => sum + part, 0)).toBe(Math.round(Number(timings?.[2]) * 100));
  });

  it('exits 1 with tool_error when the tool answers isError', async () => {
    server = await startV1Sessionful({ tools: CANARY_TOOLS });
    const { code, stdout } = await cli('probe', server.url, '--call-tool', 'fail', '--json');
    expect(code).toBe(1);
    expect(JSON.parse(stdout).error).toMatchObject({ code: 'tool_error', phase: 'tool_call' });
  });

  it('exits 1 with expectation_failed when --expect-text is not in the result', async () => {
    server = await startV1Sessionful({ tools: CANARY_TOOLS });
    const { code, stdout } = await cli('probe', server.url, '--call-tool', 'status', '--expect-text', 'nope');
    expect(code).toBe(1);
    expect(stdout).toContain('expectation_failed during tool call');
  });

  it('ends a hanging call at --tool-timeout', async () => {
    server = await startV2DualEra({ tools: CANARY_TOOLS });
    const { code, stdout } = await cli('probe', server.url, '--call-tool', 'hang', '--tool-timeout', '200ms');
    expect(code).toBe(1);
    expect(stdout).toContain('timeout during tool call');
  });

  it('refuses canary options it cannot use, with status 2', async () => {
    for (const argv of [
      ['--args', '{}'],
      ['--call-tool', 'status', '--args', '[1]'],
      ['--call-tool', 'status', '--args', '{nope'],
      ['--call-tool', 'status', '--expect-path', '$.a'],
      ['--call-tool', 'status', '--expect-path', 'a', '--expect-equals', '1'],
      ['--call-tool', 'status', '--expect-text', 'a', '--expect-path', '$.a', '--expect-equals', '1'],
      ['--call-tool', 'status', '--tool-timeout', 'soon'],
    ]) {
      const { code, stderr } = await cli('probe', 'http://127.0.0.1:1/mcp', ...argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr).toMatch(/^mcpulse probe: /);
    }
  });
});

describe('mcpulse wait --call-tool', () => {
  it('waits until the call succeeds, and reports the last failure when it never does', async () => {
    server = await startV2DualEra({ tools: CANARY_TOOLS });
    const up = await cli('wait', server.url, '--call-tool', 'status', '--timeout', '5s');
    expect(up.code).toBe(0);
    const down = await cli(
      'wait',
      server.url,
      '--call-tool',
      'fail',
      '--timeout',
      '1s',
      '--interval',
      '300ms',
    );
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('tool_error');
  });
});
