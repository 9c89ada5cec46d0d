import { describe, expect, it } from 'vitest';
import { insertMonitor } from './support/read-fixtures.js';
import { insertStatusPage } from './support/status-page-fixtures.js';
import { createTestApp, signUpUser } from './support/test-app.js';

describe('status page rate limits', () => {
  it('spends no address budget on cached pages, and limits only the reads the cache cannot answer', async () => {
    // Slugs the cache does not know may cost 10 × 2 = 20 reads a minute per address.
    const small = await createTestApp({
      rateLimit: { perKey: 2, perIp: 2, signInPerIp: 10, logInFailuresPerAddress: 10 },
    });
    try {
      const caller = await signUpUser(small.app);
      const db = small.database.handle.db;
      const monitorId = await insertMonitor(db, caller.organizationId);
      await insertStatusPage(db, caller.organizationId, {
        slug: 'acme',
        groups: [{ name: 'G', monitors: [{ monitorId }] }],
      });
      const get = (url: string) => small.app.inject({ method: 'GET', url });
      // One read of the database, then 60 answers from the cache, none refused.
      const statuses = [];
      for (let i = 0; i < 60; i += 1) {
        statuses.push(
          (await get(['/status/acme', '/status/acme/feed.atom', '/api/v1/public/status-pages/acme'][i % 3]!))
            .statusCode,
        );
      }
      expect(statuses.filter((status) => status === 200)).toHaveLength(60);
      for (let n = 1; n <= 19; n += 1) expect((await get(`/status/nope-${n}`)).statusCode).toBe(404);
      const refused = await get('/status/nope-20');
      expect(refused.statusCode).toBe(429);
      expect(refused.headers['retry-after']).toBeDefined();
      // A slug known to be no page's is answered without spending the budget, as is a known page.
      expect((await get('/status/nope-1')).statusCode).toBe(404);
      expect((await get('/status/acme')).statusCode).toBe(200);
    } finally {
      await small.close();
    }
  });
});
