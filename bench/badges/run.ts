import os from 'node:os';
import { parseArgs } from 'node:util';
import { BADGE_KINDS, BADGE_STYLES, badgePath } from '@mcpulse/core/domain';
import { incidents, monitorState, monitors, organizations, schemaSnapshots } from '@mcpulse/db';
import { apiBenchEnv, benchDatabase, machineLine } from '../api-bench.js';
import { startApi } from '../api-process.js';
import { positiveOptions } from '../cli-options.js';
import { type LoadFigures, type LoadRequest, runLoad } from './load.js';

/**
 * `npm run bench:badges`: the real API in one process of its own, its badges fetched over
 * keep-alive loopback connections, first as full answers, then as conditional requests answered
 * 304. Prints requests per second and CPU per request; PASS at 2,000 requests per second or more.
 * A missed target still exits 0 (a benchmark, not a test). The database is dropped at the end.
 */
const USAGE = 'usage: npm run bench:badges [-- -- [--json] [--monitors N] [--seconds N] [--connections N]]';
const count = positiveOptions(USAGE);
const env = apiBenchEnv();
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    json: { type: 'boolean', default: false },
    monitors: { type: 'string' },
    seconds: { type: 'string' },
    connections: { type: 'string' },
  },
});
const args = {
  json: values.json === true || env.npm_config_json,
  monitors: count('monitors', values.monitors, 200),
  seconds: count('seconds', values.seconds, 10),
  connections: count('connections', values.connections, 32),
};
const TARGET_PER_SECOND = 2000;
const log = (line: string) => {
  if (!args.json) console.log(line);
};
const machine = machineLine('badge');
const loadAtStart = machine.loadAverage;
log(machine.line);

const { database, stopWith, cleanUp } = await benchDatabase();
try {
  const db = database.handle.db;
  const now = Date.now();
  const [organization] = await db
    .insert(organizations)
    .values({ name: 'bench badges' })
    .returning({ id: organizations.id });
  const rows = await db
    .insert(monitors)
    .values(
      Array.from({ length: args.monitors }, (_, index) => ({
        organizationId: organization!.id,
        name: `server ${index}`,
        url: `https://server-${index}.example.com/mcp`,
        regions: ['eu-west'],
        badgesPublic: true,
      })),
    )
    .returning({ id: monitors.id });
  const ids = rows.map((row) => row.id);
  await db
    .insert(schemaSnapshots)
    .values(ids.map((monitorId) => ({ monitorId, hash: 'bench', tools: [], toolCount: 12, sizeBytes: 2 })));
  await db.insert(monitorState).values(
    ids.map((monitorId) => ({
      monitorId,
      status: 'up' as const,
      firstCheckedAt: new Date(now - 30 * 86_400_000),
      lastCheckedAt: new Date(now - 30_000),
      schemaHash: 'bench',
      protocolTracking: {
        confirmed: {
          era: 'legacy' as const,
          protocolVersion: '2025-11-25',
          transport: 'streamable-http' as const,
        },
        candidate: null,
        seen: 0,
        candidateSince: null,
      },
    })),
  );
  await db.insert(incidents).values(
    ids.map((monitorId) => ({
      organizationId: organization!.id,
      monitorId,
      kind: 'down' as const,
      startedAt: new Date(now - 2 * 86_400_000),
      endedAt: new Date(now - 2 * 86_400_000 + 600_000),
      errorCode: 'timeout',
      regions: ['eu-west'],
    })),
  );
  log(`\nSeeded ${args.monitors} monitors with public badges; starting the API...`);

  const api = await startApi(database.url, env.REDIS_URL);
  stopWith(api.stop);
  const paths = ids.flatMap((id, index) =>
    BADGE_KINDS.map((kind, k) => {
      const style = BADGE_STYLES[(index + k) % BADGE_STYLES.length]!;
      const format = (index + k) % 4 === 0 ? 'json' : 'svg';
      return `${badgePath(id, kind, format)}${style === 'flat' ? '' : `?style=${style}`}`;
    }),
  );
  // Every badge fetched once, so each phase measures a process that has seen them (as a busy one has).
  const tags = new Map<string, string>();
  for (const path of paths) {
    const response = await fetch(`http://127.0.0.1:${api.port}${path}`);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    tags.set(path, response.headers.get('etag') ?? '');
  }
  const phase = async (name: string, requests: LoadRequest[]) => {
    await runLoad(api.port, requests, args.connections, 2);
    const cpuBefore = await api.cpuSeconds();
    const figures = await runLoad(api.port, requests, args.connections, args.seconds);
    const cpu = (await api.cpuSeconds()) - cpuBefore;
    log(`  ${name}: ${Math.round(figures.perSecond)} requests/s`);
    return { ...figures, apiCpuSeconds: cpu, apiCpuMsPerRequest: (cpu * 1000) / figures.requests };
  };
  log(
    `\n${paths.length} badge URLs, ${args.connections} connections, ${args.seconds} s per phase after 2 s of warm-up`,
  );
  const full = await phase(
    '200 (full SVG or JSON)',
    paths.map((path) => ({ path })),
  );
  const notModified = await phase(
    '304 (If-None-Match)',
    paths.map((path) => ({ path, headers: { 'if-none-match': tags.get(path)! } })),
  );
  const verdict = (figures: LoadFigures & { apiCpuSeconds: number }, status: string) => {
    const wrong = figures.requests - (figures.statuses[status] ?? 0);
    return {
      perSecond: Math.round(figures.perSecond),
      /** What one process could answer with a core to itself: the figure a loaded machine moves least. */
      perApiCpuSecond: Math.round(figures.requests / figures.apiCpuSeconds),
      wrongAnswers: wrong,
      pass: figures.perSecond >= TARGET_PER_SECOND && wrong === 0,
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
        `\n${name}: ${figures.requests} requests in ${figures.seconds.toFixed(1)} s = ${Math.round(figures.perSecond)}/s; latency p50 ${figures.p50Ms.toFixed(2)} ms, p99 ${figures.p99Ms.toFixed(2)} ms; API CPU ${figures.apiCpuMsPerRequest.toFixed(3)} ms per request; answers ${JSON.stringify(figures.statuses)}`,
      );
    }
    console.log('');
    for (const [name, result] of Object.entries(verdicts)) {
      console.log(
        `${result.pass ? 'PASS' : 'FAIL'} ${name}: ${result.perSecond} requests/s (target >= ${TARGET_PER_SECOND}), ${result.wrongAnswers} other answers; ${result.perApiCpuSecond} requests per API CPU-second`,
      );
    }
    console.log(`\nload average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${loadAtEnd.toFixed(2)}`);
  }
} finally {
  await cleanUp();
}
