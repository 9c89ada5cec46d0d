import type { QueueBackend } from '@mcpulse/queue';

export interface QueuedJob {
  queue: string;
  data: unknown;
}

/**
 * A real backend that also notes every job added through it and the queue it went to: to see
 * where the code under test queues its work while the jobs still run as they would.
 */
export function recordingQueues(inner: QueueBackend): QueueBackend & { added: QueuedJob[] } {
  const added: QueuedJob[] = [];
  return {
    added,
    consume: (queue, schema, handler, options) => inner.consume(queue, schema, handler, options),
    consumeBatch: (queue, schema, handler, options) => inner.consumeBatch(queue, schema, handler, options),
    depth: (queue) => inner.depth(queue),
    oldestWaiting: (queue) => inner.oldestWaiting(queue),
    beat: (name) => inner.beat(name),
    beats: () => inner.beats(),
    ping: () => inner.ping(),
    close: () => inner.close(),
    producer: ((queue, schema, defaults) => {
      const producer = inner.producer(queue, schema, defaults);
      return {
        async add(data, options) {
          await producer.add(data, options);
          added.push({ queue, data });
        },
        async addBulk(items) {
          await producer.addBulk(items);
          for (const item of items) added.push({ queue, data: item.data });
        },
      };
    }) as QueueBackend['producer'],
  };
}
