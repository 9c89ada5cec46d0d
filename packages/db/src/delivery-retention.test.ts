import { describe, expect, it } from 'vitest';
import { dropExpiredDeliveries } from './delivery-retention.js';
import { events, webhookAttempts, webhookDeliveries, webhookEndpoints } from './schema/index.js';
import {
  createMonitor,
  createOrganization,
  DATABASE_KINDS,
  useDatabase,
} from './test-support/database-kinds.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

for (const kind of DATABASE_KINDS) {
  describe(`delivery retention on ${kind}`, () => {
    const db = useDatabase(kind);

    it('drops finished deliveries past the window with their attempts, keeps pending ones and the events', async () => {
      const org = await createOrganization(db());
      const monitorId = await createMonitor(db(), org);
      const [endpoint] = await db()
        .insert(webhookEndpoints)
        .values({ organizationId: org, url: 'https://hooks.example.com', eventTypes: [], secretSealed: 'x' })
        .returning({ id: webhookEndpoints.id });
      const deliveries = [
        { name: 'old succeeded', status: 'succeeded', age: 40 },
        { name: 'old abandoned', status: 'abandoned', age: 31 },
        { name: 'old failed', status: 'failed', age: 60 },
        { name: 'old pending', status: 'pending', age: 45 },
        { name: 'recent succeeded', status: 'succeeded', age: 29 },
      ] as const;
      const ids = new Map<string, string>();
      for (const [i, delivery] of deliveries.entries()) {
        const [event] = await db()
          .insert(events)
          .values({
            organizationId: org,
            monitorId,
            type: 'monitor.down',
            occurredAt: daysAgo(delivery.age),
            dedupeKey: `retention:${i}`,
            payload: {},
          })
          .returning({ id: events.id });
        const [row] = await db()
          .insert(webhookDeliveries)
          .values({
            endpointId: endpoint!.id,
            eventId: event!.id,
            messageId: `msg_${i}`,
            status: delivery.status,
            createdAt: daysAgo(delivery.age),
          })
          .returning({ id: webhookDeliveries.id });
        await db()
          .insert(webhookAttempts)
          .values({ deliveryId: row!.id, attempt: 1, attemptedAt: daysAgo(delivery.age), statusCode: 500 });
        ids.set(delivery.name, row!.id);
      }

      expect(await dropExpiredDeliveries(db(), NOW, 30)).toBe(3);
      const left = await db().select({ id: webhookDeliveries.id }).from(webhookDeliveries);
      expect(left.map((row) => row.id).sort()).toEqual(
        [ids.get('old pending'), ids.get('recent succeeded')].sort(),
      );
      const attempts = await db().select({ deliveryId: webhookAttempts.deliveryId }).from(webhookAttempts);
      expect(attempts.map((row) => row.deliveryId).sort()).toEqual(left.map((row) => row.id).sort());
      expect(await db().select().from(events)).toHaveLength(deliveries.length);
      expect(await dropExpiredDeliveries(db(), NOW, 30)).toBe(0);
    });
  });
}
