import { describe, expect, it } from 'vitest';
import { startRawServer } from './http-server.js';

describe('startRawServer', () => {
  it('serves on loopback and closes even while a response is held open', async () => {
    const raw = await startRawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': open\n\n');
    });
    expect(raw.url).toBe(`http://127.0.0.1:${raw.port}`);
    const res = await fetch(raw.url);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read();
    await raw.close();
    await expect(reader.read()).rejects.toThrow();
    expect(raw.server.listening).toBe(false);
  });
});
