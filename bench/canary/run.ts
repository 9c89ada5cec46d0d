import os from 'node:os';
import { parseArgs } from 'node:util';
import type { ProbeResult } from '@mcpulse/core';
import { type CanaryCall, runProbe } from '@mcpulse/probe';
import { positiveOptions } from '../cli-options.js';
import type { CheckClient } from '../probe/clients/check-client.js';
import { startChild } from '../probe/fixture/start-child.js';
import { percentile } from '../probe/hanging/percentile.js';
import { runChecks } from '../probe/throughput/run-checks.js';

/**
 * `npm run bench:canary`: what a tool-call canary adds to a check. The same
 * fixture server as Part A of bench:probe (a child process, so its CPU is not
 * counted), the same check with and without a canary calling `get_issue` with
 * an expectation on its structuredContent, in rotated rounds. Prints figures,
 * never fails.
 */
const USAGE =
  'usage: npm run bench:canary [-- -- [--json] [--checks N] [--rounds N] [--concurrency N] [--warmup N]]';
const count = positiveOptions(USAGE);
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    json: { type: 'boolean', default: false },
    checks: { type: 'string' },
    rounds: { type: 'string' },
    concurrency: { type: 'string' },
    warmup: { type: 'string' },
  },
});
const options = {
  checks: count('checks', values.checks, 2000),
  rounds: count('rounds', values.rounds, 10),
  concurrency: count('concurrency', values.concurrency, 8),
  warmup: count('warmup', values.warmup, 200),
};
const json = values.json === true || process.env.npm_config_json === 'true';

const CANARY: CanaryCall = {
  tool: 'get_issue',
  arguments: { repository: 'acme/api', number: 42 },
  expect: { kind: 'json_path', path: '$.state', equals: 'open' },
};

interface Variant {
  client: CheckClient;
  totals: { checks: number; cpuMs: number; wallMs: number; failures: number };
  totalMs: number[];
  toolCallMs: number[];
}

function variant(label: string, canary: CanaryCall | null): Variant {
  const timings: Variant = {
    client: {
      id: 'mcpulse',
      label,
      async check(url) {
        const { result } = await runProbe({ url, allowPrivateAddresses: true, timeoutMs: 10_000, canary });
        if (result.status !== 'up') throw new Error(`${label}: ${result.error?.code ?? result.status}`);
        record(result);
      },
    },
    totals: { checks: 0, cpuMs: 0, wallMs: 0, failures: 0 },
    totalMs: [],
    toolCallMs: [],
  };
  const record = (result: ProbeResult) => {
    timings.totalMs.push(result.timings.totalMs);
    if (result.timings.toolCallMs !== null) timings.toolCallMs.push(result.timings.toolCallMs);
  };
  return timings;
}

const loadAtStart = os.loadavg()[0] ?? 0;
const variants = [variant('without a canary', null), variant('with a canary', CANARY)];
const fixture = await startChild('./mcp-fixture-server.ts');
try {
  const url = `http://127.0.0.1:${fixture.ports[0]}/mcp`;
  for (const item of variants) {
    const warm = await runChecks(item.client, url, options.warmup, options.concurrency);
    if (warm.failures > 0) throw new Error(`${item.client.label} fails: ${warm.firstError}`);
    item.totalMs.length = 0;
    item.toolCallMs.length = 0;
  }
  const perRound = Math.ceil(options.checks / options.rounds);
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < variants.length; i++) {
      const item = variants[(round + i) % variants.length] as Variant;
      const segment = await runChecks(item.client, url, perRound, options.concurrency);
      item.totals.checks += segment.checks;
      item.totals.cpuMs += segment.cpuMs;
      item.totals.wallMs += segment.wallMs;
      item.totals.failures += segment.failures;
    }
    if (!json) console.log(`  round ${round + 1}/${options.rounds} done`);
  }
} finally {
  await fixture.stop();
}

const figures = variants.map((item) => {
  const sorted = [...item.totalMs].sort((a, b) => a - b);
  const calls = [...item.toolCallMs].sort((a, b) => a - b);
  return {
    label: item.client.label,
    checks: item.totals.checks,
    failures: item.totals.failures,
    cpuMsPerCheck: item.totals.cpuMs / item.totals.checks,
    checksPerSecond: (item.totals.checks / item.totals.wallMs) * 1000,
    totalMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95) },
    toolCallMs: calls.length > 0 ? { p50: percentile(calls, 50), p95: percentile(calls, 95) } : null,
  };
});
const [plain, canary] = figures as [(typeof figures)[number], (typeof figures)[number]];
const added = {
  cpuMsPerCheck: canary.cpuMsPerCheck - plain.cpuMsPerCheck,
  cpuRatio: canary.cpuMsPerCheck / plain.cpuMsPerCheck,
  totalMsP50: canary.totalMs.p50 - plain.totalMs.p50,
  totalMsP95: canary.totalMs.p95 - plain.totalMs.p95,
};
const machine = {
  node: process.version,
  cpus: os.availableParallelism(),
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  loadAverageAtStart: loadAtStart,
  loadAverageAtEnd: os.loadavg()[0] ?? 0,
};

if (json) {
  console.log(JSON.stringify({ machine, options, figures, added }, null, 2));
} else {
  const ms = (value: number) => value.toFixed(2);
  console.log(
    `\nmcpulse canary bench: Node ${machine.node}, ${machine.cpus} cores (${machine.cpuModel}), ${options.checks} checks per variant, ${options.concurrency} at a time\n`,
  );
  console.log(
    '| check | CPU ms/check | checks/s | totalMs p50 | totalMs p95 | toolCallMs p50 | toolCallMs p95 | failures |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const row of figures) {
    console.log(
      `| ${row.label} | ${ms(row.cpuMsPerCheck)} | ${row.checksPerSecond.toFixed(0)} | ${ms(row.totalMs.p50)} | ${ms(row.totalMs.p95)} | ${row.toolCallMs ? ms(row.toolCallMs.p50) : '–'} | ${row.toolCallMs ? ms(row.toolCallMs.p95) : '–'} | ${row.failures} |`,
    );
  }
  console.log(
    `\nadded by the canary: CPU ${ms(added.cpuMsPerCheck)} ms per check (${added.cpuRatio.toFixed(2)}×), latency p50 +${ms(added.totalMsP50)} ms, p95 +${ms(added.totalMsP95)} ms`,
  );
  console.log(
    `load average (1 min) at start ${machine.loadAverageAtStart.toFixed(2)}, at end ${machine.loadAverageAtEnd.toFixed(2)}`,
  );
}
