import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Splits what a server wrote into its HTTP/1.1 responses (bodies by Content-Length). */
export function parseResponses(text: string): RawResponse[] {
  const responses: RawResponse[] = [];
  let rest = text;
  while (rest.startsWith('HTTP/1.1 ')) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const [statusLine = '', ...lines] = rest.slice(0, end).split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    const bodyStart = end + 4;
    responses.push({
      status: Number(statusLine.split(' ')[1]),
      headers,
      body: rest.slice(bodyStart, bodyStart + length),
    });
    rest = rest.slice(bodyStart + length);
  }
  return responses;
}

/**
 * Writes `chunks` to a fresh connection, one after another (`delayMs` apart),
 * and returns everything the server wrote until it closed the connection or
 * `timeoutMs` passed: requests no HTTP client would send.
 */
export function rawExchange(
  port: number,
  chunks: readonly string[],
  options: { delayMs?: number; timeoutMs?: number; between?: () => Promise<void> } = {},
): Promise<RawResponse[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseResponses(received));
    };
    const timer = setTimeout(finish, options.timeoutMs ?? 5_000);
    socket.setEncoding('latin1');
    socket.on('data', (data: string) => {
      received += data;
    });
    socket.on('close', finish);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A server may close as it answers; what it wrote before is the answer.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return;
      clearTimeout(timer);
      reject(error);
    });
    socket.on('connect', async () => {
      for (const [index, chunk] of chunks.entries()) {
        if (index > 0) {
          await new Promise((wait) => setTimeout(wait, options.delayMs ?? 0));
          await options.between?.();
        }
        if (!socket.destroyed) socket.write(chunk, 'latin1');
      }
    });
  });
}
