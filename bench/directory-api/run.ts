import os from 'node:os';
import { refreshDirectorySummaries } from '@mcpulse/db';
import { createTestDatabase } from '@mcpulse/db/testing';
import { apiBenchEnv, machineLine } from '../api-bench.js';
import { type ApiProcess, startApi } from '../api-process.js';
import { positiveOptions } from '../cli-options.js';
import { seedDirectory } from './seed-directory.js';

/**
 * `npm run bench:directory-api`: 10,000 directory endpoints in a fresh Postgres database, the API
 * server (apps/api/src/server.ts) in a child process, then the public list (every filter and sort,
 * deep pages, search), server pages, the 304 path and the `/directory` page itself, timed over
 * HTTP. Target: p95 < 100 ms each. Prints figures and PASS/FAIL; exits 0 either way.
 */
const USAGE = 'usage: bench:directory-api [--endpoints 10000] [--requests 200] [--concurrency 1]';
const read = positiveOptions(USAGE);
const argv = process.argv.slice(2);
const option = (name: string) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? argv[at + 1] : undefined;
};
const endpoints = read('endpoints', option('endpoints'), 10_000);
const requests = read('requests', option('requests'), 200);
const concurrency = read('concurrency', option('concurrency'), 1);
const TARGET_MS = 100;
const env = apiBenchEnv();

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

interface Figures {
  name: string;
  requests: number;
  p50: number;
  p95: number;
  max: number;
  statuses: string;
}

/** `requests` requests, `concurrency` at a time, each URL from `next`; the time of each from send to last byte. */
async function measure(
  name: string,
  next: (i: number) => { url: string; headers?: Record<string, string> },
): Promise<Figures> {
  const times: number[] = [];
  const statuses = new Map<number, number>();
  let issued = 0;
  const worker = async () => {
    while (issued < requests) {
      const { url, headers } = next(issued++);
      const started = performance.now();
      const response = await fetch(url, { headers: headers ?? {} });
      await response.arrayBuffer();
      times.push(performance.now() - started);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  times.sort((a, b) => a - b);
  return {
    name,
    requests: times.length,
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    max: times.at(-1) ?? Number.NaN,
    statuses: [...statuses].map(([status, n]) => `${status}×${n}`).join(' '),
  };
}

console.log(machineLine('directory API').line);
const database = await createTestDatabase();
let api: ApiProcess | undefined;
try {
  const now = new Date();
  let started = performance.now();
  const { names } = await seedDirectory(database.handle.db, endpoints, now);
  console.log(`seeded ${endpoints} endpoints in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  started = performance.now();
  const refreshed = await refreshDirectorySummaries(database.handle.db, now);
  console.log(
    `leader refresh of the summaries: ${refreshed.endpoints} endpoints in ${((performance.now() - started) / 1000).toFixed(2)} s`,
  );
  api = await startApi(database.url, env.REDIS_URL, {
    env: { NODE_ENV: 'production', MCPULSE_RATE_LIMIT_PER_IP: '100000000' },
    readyWithinMs: 90_000,
  });
  const origin = `http://127.0.0.1:${api.port}`;
  const base = `${origin}/api/v1/directory/servers`;
  const lastPage = Math.ceil(endpoints / 50);
  const etag = (await fetch(base)).headers.get('etag') ?? '';
  const pick = (i: number) => names[(i * 7919) % names.length] as string;
  const runs = [
    await measure('list, first page', () => ({ url: base })),
    await measure('list, pages spread to the last', (i) => ({
      url: `${base}?page=${1 + ((i * 37) % lastPage)}`,
    })),
    await measure('list, search', (i) => ({
      url: `${base}?q=${['weather', 'server-0', 'host-1', String(i)][i % 4]}`,
    })),
    await measure('list, filters', (i) => ({
      url: `${base}?${['state=down', 'era=modern', 'auth=secret_header', 'errorCode=connection_refused', 'state=up&era=legacy'][i % 5]}`,
    })),
    await measure('list, every sort both ways', (i) => ({
      url: `${base}?sort=${['name', 'state', 'uptime', 'p95', 'tools', 'checked'][i % 6]}&order=${i % 2 ? 'desc' : 'asc'}&page=${1 + (i % 20)}`,
    })),
    await measure('list, 304 with If-None-Match', () => ({ url: base, headers: { 'if-none-match': etag } })),
    await measure('server page', (i) => ({ url: `${base}/${pick(i)}` })),
    await measure('/directory (the page)', () => ({ url: `${origin}/directory` })),
  ];
  console.log(`\n${requests} requests each, ${concurrency} at a time, over HTTP on loopback (ms):\n`);
  console.log('| request | p50 | p95 | max | statuses | p95 < 100 ms |');
  console.log('|---|---|---|---|---|---|');
  for (const run of runs) {
    console.log(
      `| ${run.name} | ${run.p50.toFixed(1)} | ${run.p95.toFixed(1)} | ${run.max.toFixed(1)} | ${run.statuses} | ${run.p95 < TARGET_MS ? 'PASS' : 'FAIL'} |`,
    );
  }
  console.log(`\nload average (1 min) at end ${os.loadavg()[0]?.toFixed(2)}`);
} finally {
  await api?.stop();
  await database.drop();
}
