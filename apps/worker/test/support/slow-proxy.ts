import { type RawServer, startRawServer } from '@mcpulse/testkit';

/** Forwards to an MCP server after `delayMs`, so a test can catch checks in flight. */
export function startSlowProxy(targetUrl: string, delayMs: number): Promise<RawServer> {
  return startRawServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      setTimeout(async () => {
        try {
          const headers = Object.fromEntries(
            Object.entries(req.headers).filter(
              (entry): entry is [string, string] => typeof entry[1] === 'string',
            ),
          );
          delete headers.host;
          delete headers['content-length'];
          const response = await fetch(new URL(req.url ?? '/', targetUrl), {
            method: req.method ?? 'GET',
            headers,
            body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
          });
          const body = Buffer.from(await response.arrayBuffer());
          res.writeHead(response.status, Object.fromEntries(response.headers)).end(body);
        } catch {
          res.destroy();
        }
      }, delayMs);
    });
  });
}
