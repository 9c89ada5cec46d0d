import os from 'node:os';
import { parseArgs } from 'node:util';
import { apiBenchEnv, benchDatabase, machineLine } from '../api-bench.js';
import { startApi } from '../api-process.js';
import { positiveOptions } from '../cli-options.js';
import { type RateFigures, runAtRate } from './fixed-rate-load.js';
import { seedStatusPage } from './seed-page.js';

/**
 * `npm run bench:status-page`: one status page of 20 monitors in three groups with 90 days of
 * history, the real API in a process of its own, then `/status/<slug>` fetched at a fixed 500
 * requests per second for 20 s as full HTML, and again as conditional requests answered 304.
 * Latency is taken from when each request was due. PASS when p95 < 20 ms and every answer is the
 * expected one; a miss still exits 0 (a benchmark, not a test). The database is dropped at the end.
 */
const USAGE =
  'usage: npm run bench:status-page [-- -- [--json] [--monitors N] [--rate N] [--seconds N] [--connections N]]';
const count = positiveOptions(USAGE);
const env = apiBenchEnv();
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    json: { type: 'boolean', default: false },
    monitors: { type: 'string' },
    rate: { type: 'string' },
    seconds: { type: 'string' },
    connections: { type: 'string' },
  },
});
const args = {
  json: values.json === true || env.npm_config_json,
  monitors: count('monitors', values.monitors, 20),
  rate: count('rate', values.rate, 500),
  seconds: count('seconds', values.seconds, 20),
  connections: count('connections', values.connections, 64),
};
const TARGET_P95_MS = 20;
const log = (line: string) => {
  if (!args.json) console.log(line);
};
const machine = machineLine('status page');
const loadAtStart = machine.loadAverage;
log(machine.line);

const { database, stopWith, cleanUp } = await benchDatabase();
try {
  const slug = await seedStatusPage(database.handle.db, args.monitors, Date.now());
  log(
    `\nSeeded a page of ${args.monitors} monitors in 3 groups with 90 days of history; starting the API...`,
  );
  const api = await startApi(database.url, env.REDIS_URL);
  stopWith(api.stop);
  const path = `/status/${slug}`;
  // As a browser asks: it takes gzip.
  const headers = { 'accept-encoding': 'gzip, deflate, br' };
  const first = await fetch(`http://127.0.0.1:${api.port}${path}`);
  const html = await first.text();
  if (first.status !== 200) throw new Error(`${path} answered ${first.status}: ${html.slice(0, 200)}`);
  log(
    `${path}: ${html.length} bytes of HTML; ${args.rate} requests/s for ${args.seconds} s per phase, after 2 s of warm-up`,
  );

  const phase = async (name: string, revalidate?: () => Promise<string>) => {
    await runAtRate(api.port, { path, headers }, args.rate, 2, args.connections);
    const request = { path, headers, ...(revalidate ? { revalidate: await revalidate() } : {}) };
    const figures = await runAtRate(api.port, request, args.rate, args.seconds, args.connections);
    log(`  ${name}: p95 ${figures.p95Ms.toFixed(2)} ms`);
    return figures;
  };
  const currentTag = async () => {
    const response = await fetch(`http://127.0.0.1:${api.port}${path}`, { headers });
    await response.arrayBuffer();
    return response.headers.get('etag') ?? '';
  };
  const full = await phase('200 (full HTML, gzipped)');
  const notModified = await phase('304 (If-None-Match)', currentTag);
  /** Answers neither expected nor, for the 304 phase, the full page after a re-read changed it. */
  const verdict = (figures: RateFigures, status: string) => {
    const expected =
      (figures.statuses[status] ?? 0) + (status === '304' ? (figures.statuses['200'] ?? 0) : 0);
    const wrong = figures.sent - expected;
    return {
      p95Ms: Number(figures.p95Ms.toFixed(2)),
      achievedPerSecond: Math.round(figures.achievedPerSecond),
      wrongAnswers: wrong,
      pass: figures.p95Ms < TARGET_P95_MS && wrong === 0,
    };
  };
  const verdicts = { full: verdict(full, '200'), notModified: verdict(notModified, '304') };
  const loadAtEnd = os.loadavg()[0] ?? 0;
  if (args.json) {
    console.log(JSON.stringify({ args, loadAtStart, loadAtEnd, full, notModified, verdicts }, null, 2));
  } else {
    for (const [name, figures] of [
      ['200', full],
      ['304', notModified],
    ] as const) {
      console.log(
        `\n${name}: ${figures.answered} of ${figures.sent} answered in ${figures.seconds.toFixed(1)} s = ${Math.round(figures.achievedPerSecond)}/s; latency p50 ${figures.p50Ms.toFixed(2)} ms, p95 ${figures.p95Ms.toFixed(2)} ms, p99 ${figures.p99Ms.toFixed(2)} ms, max ${figures.maxMs.toFixed(2)} ms (slowest second: ${figures.slowestSecond.second}, p95 ${figures.slowestSecond.p95Ms.toFixed(1)} ms); ${figures.bodyBytes} bytes per answer; answers ${JSON.stringify(figures.statuses)}`,
      );
    }
    console.log('');
    for (const [name, result] of Object.entries(verdicts)) {
      console.log(
        `${result.pass ? 'PASS' : 'FAIL'} ${name}: p95 ${result.p95Ms} ms (target < ${TARGET_P95_MS} ms) at ${result.achievedPerSecond} requests/s, ${result.wrongAnswers} other answers`,
      );
    }
    console.log(`\nload average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${loadAtEnd.toFixed(2)}`);
  }
} finally {
  await cleanUp();
}
