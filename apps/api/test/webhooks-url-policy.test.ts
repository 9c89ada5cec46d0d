import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, createTestApp, signUpUser, type TestApp } from './support/test-app.js';

let t: TestApp;
let caller: Caller;

beforeAll(async () => {
  t = await createTestApp({ allowPrivateTargets: false, allowedTargetCidrs: ['10.20.0.0/16'] });
  caller = await signUpUser(t.app);
});
afterAll(async () => t?.close());

async function create(url: string) {
  return t.app.inject({ method: 'POST', url: '/api/v1/webhooks', headers: caller.headers, payload: { url } });
}

describe('webhook URLs in a hosted deployment (private targets refused)', () => {
  it.each([
    'http://127.0.0.1:8080/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.5/hook',
    'http://192.168.1.10/hook',
    'http://[::1]:3000/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://localhost:3000/hook',
    'http://api.localhost/hook',
  ])('refuses %s at once, naming the url field', async (url) => {
    const response = await create(url);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'validation_failed', field: 'url' });
  });

  it('accepts public addresses, names (judged again at send time) and allowed CIDRs', async () => {
    for (const url of [
      'https://hooks.slack.com/services/T0/B0/x',
      'http://93.184.216.34/hook',
      'http://10.20.3.4/hook',
    ]) {
      expect((await create(url)).statusCode, url).toBe(201);
    }
  });

  it('applies the same rule when the URL is changed', async () => {
    const { webhook } = (await create('https://hooks.example.com/in')).json();
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/webhooks/${webhook.id}`,
      headers: caller.headers,
      payload: { url: 'http://169.254.169.254/' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ field: 'url' });
  });
});
