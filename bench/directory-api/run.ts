import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { refreshDirectorySummaries } from '@mcpulse/db';
import { createTestDatabase } from '@mcpulse/db/testing';
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
const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function startApi(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--conditions=@mcpulse/source', '--import', 'tsx', 'apps/api/src/server.ts'],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        MCPULSE_QUEUE_PREFIX: `bench-directory-${randomBytes(4).toString('hex')}`,
        MCPULSE_SECRET_KEY: randomBytes(32).toString('hex'),
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        MCPULSE_RATE_LIMIT_PER_IP: '100000000',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { url, child };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error('the API was not ready within 90 s');
}

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

console.log(
  `mcpulse directory API bench: Node ${process.version}, ${os.availableParallelism()} cores, load average ${os.loadavg()[0]?.toFixed(2)}`,
);
const database = await createTestDatabase();
let api: { url: string; child: ChildProcess } | undefined;
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
  api = await startApi(database.url);
  const base = `${api.url}/api/v1/directory/servers`;
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
    await measure('/directory (the page)', () => ({ url: `${api?.url}/directory` })),
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
  if (api) {
    api.child.kill('SIGTERM');
    await new Promise((resolve) => api?.child.once('exit', resolve));
  }
  await database.drop();
}
