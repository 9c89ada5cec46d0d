import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import type { ProbeResult } from '@mcpulse/core';
import { runProbe } from '../probe.js';
import { CANARY_FLAGS, canaryFrom } from './canary-flags.js';
import type { CliIo } from './cli-io.js';
import { formatResult } from './format-result.js';
import { parseDuration } from './parse-duration.js';
import { singleUrl } from './probe-command.js';
import { expectedHash, PROBE_FLAGS, probeOptionsFrom } from './probe-flags.js';
import { EXIT } from './usage-error.js';

/**
 * `mcpulse wait <url> --timeout 120s`: a post-deploy gate that probes until the
 * server is up (or degraded), or fails with the last result when time runs out.
 */
export async function waitCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...PROBE_FLAGS,
      ...CANARY_FLAGS,
      interval: { type: 'string' },
      'probe-timeout': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const url = singleUrl(positionals, 'wait');
  const totalMs = parseDuration('--timeout', values.timeout ?? '120s', 's');
  const intervalMs = parseDuration('--interval', values.interval ?? '2s', 's');
  const options = { ...probeOptionsFrom(url, values, values['probe-timeout']), canary: canaryFrom(values) };
  const expected = await expectedHash(values['expect-hash']);
  const deadline = Date.now() + totalMs;
  let last: ProbeResult | undefined;
  for (let attempt = 1; ; attempt++) {
    const remaining = deadline - Date.now();
    const timeoutMs = Math.max(1, Math.min(options.timeoutMs ?? 10_000, remaining));
    ({ result: last } = await runProbe({ ...options, timeoutMs }));
    if (last.status !== 'down') break;
    if (!values.json)
      io.err(`attempt ${attempt}: ${last.error?.code ?? 'down'} — ${last.error?.message ?? ''}`);
    if (Date.now() + intervalMs >= deadline) break;
    await sleep(intervalMs);
  }
  io.out(values.json ? JSON.stringify(last, null, 2) : formatResult(last));
  if (last.status === 'down') {
    io.err(`${url} was not up within ${values.timeout ?? '120s'}`);
    return EXIT.down;
  }
  if (expected !== undefined && last.schemaHash !== expected) {
    io.err(`schema hash ${last.schemaHash} differs from the expected ${expected}`);
    return EXIT.hashMismatch;
  }
  return EXIT.ok;
}
