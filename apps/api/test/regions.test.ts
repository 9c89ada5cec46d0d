import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUpUser, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ regions: ['eu-west', 'us-east'] });
});
afterAll(async () => t?.close());

describe('GET /api/v1/regions', () => {
  it("lists the deployment's regions to a signed-in caller", async () => {
    const caller = await signUpUser(t.app);
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/regions', headers: caller.headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ regions: ['eu-west', 'us-east'] });
  });

  it('needs authentication', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/regions' })).statusCode).toBe(401);
  });
});
