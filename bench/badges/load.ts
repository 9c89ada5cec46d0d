import http from 'node:http';

export interface LoadFigures {
  requests: number;
  seconds: number;
  perSecond: number;
  statuses: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
}

export interface LoadRequest {
  path: string;
  headers?: Record<string, string>;
}

function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

/**
 * Keeps `connections` keep-alive connections busy with GETs of `requests` (in turn) for
 * `seconds`, and counts what came back. Bounded in time: it stops by itself.
 */
export async function runLoad(
  port: number,
  requests: readonly LoadRequest[],
  connections: number,
  seconds: number,
): Promise<LoadFigures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const one = (request: LoadRequest) =>
    new Promise<void>((resolve) => {
      const sent = performance.now();
      const call = http.get(
        { host: '127.0.0.1', port, path: request.path, headers: request.headers ?? {}, agent },
        (response) => {
          response.on('data', () => {});
          response.on('end', () => {
            latencies.push(performance.now() - sent);
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
  const worker = async () => {
    while (performance.now() < deadline) {
      const request = requests[next % requests.length]!;
      next += 1;
      await one(request);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds: elapsed,
    perSecond: latencies.length / elapsed,
    statuses,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  };
}
