import http from 'node:http';

export interface RateFigures {
  sent: number;
  answered: number;
  seconds: number;
  /** Answers per second over the phase. */
  achievedPerSecond: number;
  statuses: Record<string, number>;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Bytes of one answer's body, the last one seen. */
  bodyBytes: number;
  /** The second of the phase (from 0) whose answers were slowest at p95, and that p95: where a stall was. */
  slowestSecond: { second: number; p95Ms: number };
}

export interface RateRequest {
  path: string;
  headers?: Record<string, string>;
  /**
   * Send the ETag of the newest full answer as If-None-Match, as a browser revalidating its copy
   * does: the page's ETag changes whenever it is re-read, since it says when it was.
   */
  revalidate?: string;
}

function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

/**
 * How often the scheduler wakes: each tick sends the requests due since the last, so a latency
 * includes up to this much of waiting for the tick.
 */
const TICK_MS = 1;

/**
 * An open-loop load: `perSecond` GETs of `request` for `seconds`, sent on schedule whether or not
 * earlier ones were answered, over keep-alive connections (at most `connections`). Each latency is
 * taken from when the request was due, not when a connection was free, so a server that falls
 * behind shows it (no coordinated omission).
 */
export async function runAtRate(
  port: number,
  request: RateRequest,
  perSecond: number,
  seconds: number,
  connections: number,
): Promise<RateFigures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  const bySecond: number[][] = [];
  let bodyBytes = 0;
  let etag = request.revalidate;
  const pending = new Set<Promise<void>>();
  const one = (due: number) => {
    const done = new Promise<void>((resolve) => {
      const call = http.get(
        {
          host: '127.0.0.1',
          port,
          path: request.path,
          headers: { ...request.headers, ...(etag ? { 'if-none-match': etag } : {}) },
          agent,
        },
        (response) => {
          if (etag && response.statusCode === 200) etag = String(response.headers.etag);
          let bytes = 0;
          response.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
          });
          response.on('end', () => {
            const latency = performance.now() - due;
            latencies.push(latency);
            const second = Math.floor((due - started) / 1000);
            bySecond[second] ??= [];
            bySecond[second].push(latency);
            bodyBytes = bytes;
            const key = String(response.statusCode);
            statuses[key] = (statuses[key] ?? 0) + 1;
            resolve();
          });
        },
      );
      call.on('error', (error) => {
        statuses[error.message] = (statuses[error.message] ?? 0) + 1;
        resolve();
      });
    });
    pending.add(done);
    void done.then(() => pending.delete(done));
  };
  const started = performance.now();
  const total = Math.round(perSecond * seconds);
  let sent = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - started;
      const due = Math.min(total, Math.floor((elapsed / 1000) * perSecond));
      for (; sent < due; sent += 1) one(started + (sent * 1000) / perSecond);
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const slowestSecond = { second: 0, p95Ms: 0 };
  for (const [second, values] of bySecond.entries()) {
    const p95 = percentile(values?.sort((a, b) => a - b) ?? [], 0.95);
    if (p95 > slowestSecond.p95Ms) Object.assign(slowestSecond, { second, p95Ms: p95 });
  }
  return {
    slowestSecond,
    sent,
    answered: latencies.length,
    seconds: elapsed,
    achievedPerSecond: latencies.length / elapsed,
    statuses,
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies.at(-1) ?? 0,
    bodyBytes,
  };
}
