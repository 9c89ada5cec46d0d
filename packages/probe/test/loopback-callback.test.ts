import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackCallback, startLoopbackCallback } from '../src/cli/loopback-callback.js';

const open: LoopbackCallback[] = [];
afterEach(async () => {
  for (const loopback of open.splice(0)) await loopback.close();
});

async function loopback(): Promise<LoopbackCallback> {
  const started = await startLoopbackCallback();
  open.push(started);
  return started;
}

function redirect(base: string, params: Record<string, string>) {
  const url = new URL(base);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return fetch(url);
}

describe('the loopback callback of mcpulse probe --oauth', () => {
  it('listens on 127.0.0.1 at a port the system picked, at /callback', async () => {
    const first = await loopback();
    const second = await loopback();
    expect(first.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(first.redirectUri).not.toBe(second.redirectUri);
  });

  it('settles with the code of the redirect that carries the state', async () => {
    const callback = await loopback();
    const { state, result } = callback.expect(5_000);
    const answer = await redirect(callback.redirectUri, { code: 'the-code', state });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    await expect(result).resolves.toEqual({ code: 'the-code' });
  });

  it('refuses a redirect with another state or none and keeps waiting', async () => {
    const callback = await loopback();
    const { state, result } = callback.expect(5_000);
    expect((await redirect(callback.redirectUri, { code: 'forged', state: 'guessed' })).status).toBe(400);
    expect((await redirect(callback.redirectUri, { code: 'forged' })).status).toBe(400);
    expect((await redirect(`${callback.redirectUri}/../other`, { code: 'x', state })).status).toBe(404);
    await redirect(callback.redirectUri, { code: 'the-real-one', state });
    await expect(result).resolves.toEqual({ code: 'the-real-one' });
  });

  it("reports the authorization server's error, escaped in the page it shows", async () => {
    const callback = await loopback();
    const { state, result } = callback.expect(5_000);
    const answer = await redirect(callback.redirectUri, {
      error: '<script>x</script>',
      error_description: 'no',
      state,
    });
    expect(await answer.text()).not.toContain('<script>');
    await expect(result).resolves.toEqual({ error: '<script>x</script>', description: 'no' });
  });

  it('times out, and a new authorization gets a new state on the same redirect URI', async () => {
    const callback = await loopback();
    const first = callback.expect(50);
    await expect(first.result).resolves.toEqual({ timedOut: true });
    const second = callback.expect(5_000);
    expect(second.state).not.toBe(first.state);
    expect((await redirect(callback.redirectUri, { code: 'late', state: first.state })).status).toBe(400);
    await redirect(callback.redirectUri, { code: 'second', state: second.state });
    await expect(second.result).resolves.toEqual({ code: 'second' });
  });
});
