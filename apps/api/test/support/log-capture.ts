import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@mcpulse/config';

/** A trace-level logger whose lines are kept, for tests that check what is (never) logged. */
export function capturedLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ name: 'api-test', level: 'trace', destination }), lines };
}
