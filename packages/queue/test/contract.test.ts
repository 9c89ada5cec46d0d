import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidJobData, type Job, PermanentJobError, type QueueBackend } from '../src/index.js';
import { bullmqKind, memoryKind } from './support/test-backends.js';
import { gate, openAllGates, waitFor } from './support/wait.js';

const probeJob = z.object({ monitorId: z.string(), slot: z.number().int() });
type ProbeJob = z.infer<typeof probeJob>;

const slots = (count: number): ProbeJob[] =>
  Array.from({ length: count }, (_, slot) => ({ monitorId: 'm1', slot }));

describe.each([memoryKind(), bullmqKind()])('$name backend', (kind) => {
  let backend: QueueBackend;

  beforeEach(() => {
    backend = kind.create();
  });
  afterEach(async () => {
    openAllGates();
    await backend.close();
  });
  afterAll(async () => {
    await kind.cleanUp();
  });

  it('delivers every added job, from add and addBulk alike', async () => {
    const producer = backend.producer('probe:eu-west', probeJob);
    const all = slots(30);
    for (const data of all.slice(0, 10)) await producer.add(data);
    await producer.addBulk(all.slice(10).map((data) => ({ data })));

    const received: Job<ProbeJob>[] = [];
    backend.consume('probe:eu-west', probeJob, async (job) => void received.push(job), { concurrency: 4 });

    await waitFor(() => received.length >= 30);
    expect(received.map((job) => job.data.slot).sort((a, b) => a - b)).toEqual(all.map((data) => data.slot));
    expect(new Set(received.map((job) => job.id)).size).toBe(30);
    for (const job of received) {
      expect(job).toMatchObject({ name: 'probe:eu-west', attempt: 1 });
      expect(Math.abs(job.enqueuedAt - Date.now())).toBeLessThan(10_000);
    }
  });

  it('deduplicates by job id while waiting and after completion, for any id', async () => {
    const producer = backend.producer('probes', probeJob);
    const ids = ['m1:eu:1700000000', '42', '50%:off'];
    for (const jobId of ids) {
      await producer.add({ monitorId: 'm1', slot: 1 }, { jobId });
      await producer.add({ monitorId: 'm1', slot: 2 }, { jobId });
    }
    await producer.addBulk([{ data: { monitorId: 'm1', slot: 3 }, options: { jobId: ids[0]! } }]);
    expect(await backend.depth('probes')).toEqual({ waiting: 3, delayed: 0, active: 0 });

    const received: Job<ProbeJob>[] = [];
    backend.consume('probes', probeJob, async (job) => void received.push(job), { concurrency: 2 });
    await waitFor(() => received.length >= 3);
    await waitFor(async () => (await backend.depth('probes')).active === 0);

    for (const jobId of ids) await producer.add({ monitorId: 'm1', slot: 4 }, { jobId });
    await sleep(300);
    expect(received.map((job) => job.id).sort()).toEqual([...ids].sort());
    expect(received.every((job) => job.data.slot === 1)).toBe(true);
  });

  it("remembers a finished job's id for its producer's dedupe window after it was due, and no longer", async () => {
    const forgetful = backend.producer('results', probeJob, { dedupeWindowMs: 0 });
    const brief = backend.producer('probes', probeJob, { dedupeWindowMs: 1_000 });
    const received: string[] = [];
    const record = async (job: Job<ProbeJob>) => void received.push(`${job.name}/${job.id}/${job.data.slot}`);
    backend.consume('results', probeJob, record, { concurrency: 1 });
    backend.consume('probes', probeJob, record, { concurrency: 1 });

    await forgetful.add({ monitorId: 'm1', slot: 1 }, { jobId: 'm1:eu:1' });
    await brief.add({ monitorId: 'm1', slot: 1 }, { jobId: 'm1:eu:1' });
    await waitFor(() => received.length >= 2);
    await waitFor(
      async () => (await backend.depth('results')).active + (await backend.depth('probes')).active === 0,
    );

    await forgetful.add({ monitorId: 'm1', slot: 2 }, { jobId: 'm1:eu:1' });
    await brief.add({ monitorId: 'm1', slot: 2 }, { jobId: 'm1:eu:1' });
    await waitFor(() => received.length >= 3);
    await sleep(1_200);
    await brief.add({ monitorId: 'm1', slot: 3 }, { jobId: 'm1:eu:1' });
    await waitFor(() => received.length >= 4);
    await sleep(200);
    expect(received.sort()).toEqual([
      'probes/m1:eu:1/1',
      'probes/m1:eu:1/3',
      'results/m1:eu:1/1',
      'results/m1:eu:1/2',
    ]);
  });

  it("counts a delayed job's dedupe window from when it was due, and lets a per-job window win", async () => {
    const producer = backend.producer('probes', probeJob, { dedupeWindowMs: 0 });
    const received: number[] = [];
    backend.consume('probes', probeJob, async (job) => void received.push(job.data.slot), { concurrency: 1 });
    await producer.add({ monitorId: 'm1', slot: 1 }, { jobId: 'late', delayMs: 800, dedupeWindowMs: 1_000 });
    await waitFor(() => received.length >= 1);
    await producer.add({ monitorId: 'm1', slot: 2 }, { jobId: 'late' });
    await sleep(300);
    expect(received).toEqual([1]);
  });

  it('rejects data that fails the schema at add, naming the field, and stores nothing', async () => {
    const producer = backend.producer('probes', probeJob);
    const bad = { monitorId: 7, slot: 1 } as unknown as ProbeJob;

    const error = await producer.add(bad).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InvalidJobData);
    expect(error).toMatchObject({ queue: 'probes', field: 'monitorId' });
    expect((error as Error).message).toContain('monitorId');

    await expect(
      producer.addBulk([{ data: { monitorId: 'm1', slot: 1 } }, { data: { monitorId: 'm2', slot: 1.5 } }]),
    ).rejects.toMatchObject({ name: 'InvalidJobData', field: 'slot' });
    expect(await backend.depth('probes')).toEqual({ waiting: 0, delayed: 0, active: 0 });
  });

  it('never runs more than `concurrency` handlers, and runs that many when jobs wait', async () => {
    const producer = backend.producer('probes', probeJob);
    await producer.addBulk(slots(10).map((data) => ({ data })));
    const release = gate();
    let running = 0;
    let most = 0;
    let done = 0;

    backend.consume(
      'probes',
      probeJob,
      async () => {
        running++;
        most = Math.max(most, running);
        await release.promise;
        running--;
        done++;
      },
      { concurrency: 3 },
    );

    await waitFor(() => running >= 3);
    await sleep(200);
    expect(running).toBe(3);
    expect(await backend.depth('probes')).toMatchObject({ waiting: 7, active: 3 });
    release.open();
    await waitFor(() => done === 10);
    expect(most).toBe(3);
  });

  it('holds a delayed job until its delay has passed', async () => {
    const producer = backend.producer('webhooks', probeJob);
    const addedAt = Date.now();
    await producer.add({ monitorId: 'm1', slot: 1 }, { delayMs: 600 });
    expect(await backend.depth('webhooks')).toEqual({ waiting: 0, delayed: 1, active: 0 });

    const deliveredAt: number[] = [];
    backend.consume('webhooks', probeJob, async () => void deliveredAt.push(Date.now()), { concurrency: 1 });
    await waitFor(() => deliveredAt.length > 0);
    expect(deliveredAt[0]! - addedAt).toBeGreaterThanOrEqual(580);
  });

  it('retries a failing job with backoff, counting attempts from 1', async () => {
    const producer = backend.producer('webhooks', probeJob, {
      attempts: 3,
      backoff: { type: 'exponential', delayMs: 200 },
    });
    await producer.add({ monitorId: 'm1', slot: 1 });
    const tries: { attempt: number; at: number }[] = [];

    backend.consume(
      'webhooks',
      probeJob,
      async (job) => {
        tries.push({ attempt: job.attempt, at: Date.now() });
        if (job.attempt < 3) throw new Error('endpoint answered 503');
      },
      { concurrency: 1 },
    );

    await waitFor(() => tries.length >= 3);
    expect(tries.map((t) => t.attempt)).toEqual([1, 2, 3]);
    // exponential: 200 ms before the second try, 400 ms before the third
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(180);
    expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(380);
    await sleep(300);
    expect(tries).toHaveLength(3);
  });

  it('does not retry a job whose handler throws PermanentJobError, nor one out of attempts', async () => {
    const producer = backend.producer('webhooks', probeJob);
    await producer.add({ monitorId: 'gone', slot: 1 }, { attempts: 5 });
    await producer.add({ monitorId: 'flaky', slot: 1 });
    const calls: string[] = [];

    backend.consume(
      'webhooks',
      probeJob,
      async (job) => {
        calls.push(job.data.monitorId);
        if (job.data.monitorId === 'gone') throw new PermanentJobError('endpoint deleted');
        throw new Error('timeout');
      },
      { concurrency: 2 },
    );

    await waitFor(() => calls.length >= 2);
    await sleep(400);
    expect(calls.sort()).toEqual(['flaky', 'gone']);
    expect(await backend.depth('webhooks')).toEqual({ waiting: 0, delayed: 0, active: 0 });
  });

  describe('batches', () => {
    it('hands over batches of maxBatch as soon as they are full', async () => {
      const producer = backend.producer('results', probeJob);
      await producer.addBulk(slots(20).map((data) => ({ data })));
      const batches: Job<ProbeJob>[][] = [];

      backend.consumeBatch('results', probeJob, async (jobs) => void batches.push(jobs), {
        maxBatch: 10,
        maxWaitMs: 60_000,
      });

      await waitFor(() => batches.length >= 2, 5_000);
      expect(batches.map((batch) => batch.length)).toEqual([10, 10]);
      expect(new Set(batches.flat().map((job) => job.data.slot)).size).toBe(20);
    });

    it('sends a short batch once maxWaitMs has passed', async () => {
      const producer = backend.producer('results', probeJob);
      await producer.addBulk(slots(3).map((data) => ({ data })));
      const startedAt = Date.now();
      const batches: { size: number; at: number }[] = [];

      backend.consumeBatch(
        'results',
        probeJob,
        async (jobs) => void batches.push({ size: jobs.length, at: Date.now() }),
        { maxBatch: 100, maxWaitMs: 400 },
      );

      await waitFor(() => batches.length > 0);
      expect(batches[0]!.size).toBe(3);
      expect(batches[0]!.at - startedAt).toBeGreaterThanOrEqual(380);
      expect(batches[0]!.at - startedAt).toBeLessThan(3_000);
    });

    it('delivers every job of a failed batch again', async () => {
      const producer = backend.producer('results', probeJob, { attempts: 2 });
      await producer.addBulk(slots(5).map((data) => ({ data })));
      const batches: Job<ProbeJob>[][] = [];

      backend.consumeBatch(
        'results',
        probeJob,
        async (jobs) => {
          batches.push(jobs);
          if (batches.length === 1) throw new Error('insert failed');
        },
        { maxBatch: 5, maxWaitMs: 100 },
      );

      await waitFor(() => batches.slice(1).flat().length >= 5);
      const first = batches[0]!;
      const again = batches.slice(1).flat();
      expect(first).toHaveLength(5);
      expect(again.map((job) => job.id).sort()).toEqual(first.map((job) => job.id).sort());
      expect(again.every((job) => job.attempt === 2)).toBe(true);
    });

    it('does not retry a batch failed with PermanentJobError', async () => {
      const producer = backend.producer('results', probeJob, { attempts: 3 });
      await producer.addBulk(slots(2).map((data) => ({ data })));
      let calls = 0;

      backend.consumeBatch(
        'results',
        probeJob,
        async () => {
          calls++;
          throw new PermanentJobError('rows rejected');
        },
        { maxBatch: 2, maxWaitMs: 50 },
      );

      await waitFor(() => calls > 0);
      await sleep(400);
      expect(calls).toBe(1);
      expect(await backend.depth('results')).toEqual({ waiting: 0, delayed: 0, active: 0 });
    });

    it('sends the partial batch at once on close', async () => {
      const producer = backend.producer('results', probeJob);
      await producer.addBulk(slots(2).map((data) => ({ data })));
      const batches: Job<ProbeJob>[][] = [];
      const consumer = backend.consumeBatch('results', probeJob, async (jobs) => void batches.push(jobs), {
        maxBatch: 100,
        maxWaitMs: 8_000,
      });
      await waitFor(async () => (await backend.depth('results')).active === 2);

      const closingAt = Date.now();
      await consumer.close();
      expect(Date.now() - closingAt).toBeLessThan(5_000);
      // BullMQ counts a job active just before its handler runs, so the two may reach the collector on either side of close.
      expect(
        batches
          .flat()
          .map((job) => job.id)
          .sort(),
      ).toHaveLength(2);
      expect(batches.every((batch) => batch.length >= 1 && batch.length <= 2)).toBe(true);
      expect(await backend.depth('results')).toEqual({ waiting: 0, delayed: 0, active: 0 });
    });
  });

  it('closes gracefully: the running handler finishes, no new job starts', async () => {
    const producer = backend.producer('probes', probeJob);
    await producer.addBulk(slots(2).map((data) => ({ data })));
    const release = gate();
    const started: number[] = [];
    const finished: number[] = [];
    const consumer = backend.consume(
      'probes',
      probeJob,
      async (job) => {
        started.push(job.data.slot);
        await release.promise;
        finished.push(job.data.slot);
      },
      { concurrency: 1 },
    );
    await waitFor(() => started.length >= 1);

    let closed = false;
    const closing = consumer.close().then(() => {
      closed = true;
    });
    await sleep(200);
    expect(closed).toBe(false);
    release.open();
    await closing;

    expect(finished).toEqual(started);
    expect(started).toHaveLength(1);
    expect(await backend.depth('probes')).toEqual({ waiting: 1, delayed: 0, active: 0 });
  });

  it('counts waiting, delayed and active jobs per queue', async () => {
    const producer = backend.producer('probe:us-east', probeJob);
    await producer.addBulk(slots(3).map((data) => ({ data })));
    await producer.add({ monitorId: 'm2', slot: 1 }, { delayMs: 60_000 });
    expect(await backend.depth('probe:us-east')).toEqual({ waiting: 3, delayed: 1, active: 0 });
    expect(await backend.depth('probe:eu-west')).toEqual({ waiting: 0, delayed: 0, active: 0 });

    const release = gate();
    backend.consume('probe:us-east', probeJob, () => release.promise, { concurrency: 1 });
    await waitFor(async () => (await backend.depth('probe:us-east')).active === 1);
    expect(await backend.depth('probe:us-east')).toEqual({ waiting: 2, delayed: 1, active: 1 });
    release.open();
    await waitFor(async () => (await backend.depth('probe:us-east')).waiting === 0);
  });

  it('says since when the job next in line has been ready, and null when nothing waits', async () => {
    expect(await backend.oldestWaiting('probe:ap-south')).toBeNull();
    const producer = backend.producer('probe:ap-south', probeJob);
    const before = Date.now();
    await producer.add({ monitorId: 'm1', slot: 1 });
    await sleep(20);
    await producer.add({ monitorId: 'm1', slot: 2 });
    // A delayed job is not waiting yet: it neither counts nor ages.
    await producer.add({ monitorId: 'm1', slot: 3 }, { delayMs: 60_000 });
    const first = await backend.oldestWaiting('probe:ap-south');
    expect(first).not.toBeNull();
    expect(first!).toBeGreaterThanOrEqual(before - 5);
    expect(first!).toBeLessThan(before + 20);

    const taken: number[] = [];
    const release = gate();
    backend.consume(
      'probe:ap-south',
      probeJob,
      async (job) => {
        taken.push(job.data.slot);
        await release.promise;
      },
      { concurrency: 1 },
    );
    await waitFor(() => taken.length === 1);
    // The first job is active: the second is next in line, added at least 20 ms later.
    expect((await backend.oldestWaiting('probe:ap-south'))!).toBeGreaterThanOrEqual(first! + 15);
    release.open();
    await waitFor(async () => (await backend.depth('probe:ap-south')).waiting === 0);
    expect(await backend.oldestWaiting('probe:ap-south')).toBeNull();
  });

  it('keeps the newest beat of every name, and none before the first', async () => {
    expect(await backend.beats()).toEqual(new Map());
    const before = Date.now();
    await backend.beat('probe-eu-west');
    await backend.beat('probe-us-east');
    const first = await backend.beats();
    expect([...first.keys()].sort()).toEqual(['probe-eu-west', 'probe-us-east']);
    const eu = first.get('probe-eu-west')!.getTime();
    expect(eu).toBeGreaterThanOrEqual(before);
    expect(eu).toBeLessThanOrEqual(Date.now());

    await sleep(50);
    await backend.beat('probe-eu-west');
    const second = await backend.beats();
    expect(second.get('probe-eu-west')!.getTime()).toBeGreaterThan(eu);
    expect(second.get('probe-us-east')).toEqual(first.get('probe-us-east'));
    await expect(backend.beat('probe eu')).rejects.toThrow(/beat name/);
  });

  it('answers ping while open and refuses work once closed', async () => {
    await backend.ping();
    const producer = backend.producer('probes', probeJob);
    await backend.close();
    await expect(producer.add({ monitorId: 'm1', slot: 1 })).rejects.toThrow();
    await expect(backend.ping()).rejects.toThrow();
    await expect(backend.beat('probe-eu')).rejects.toThrow();
    await expect(backend.beats()).rejects.toThrow();
  });

  it('rejects bad options and queue names up front', async () => {
    expect(() => backend.producer('probe eu', probeJob)).toThrow(/queue name/);
    const producer = backend.producer('probes', probeJob);
    await expect(producer.add({ monitorId: 'm1', slot: 1 }, { attempts: 0 })).rejects.toThrow(/attempts/);
    await expect(producer.add({ monitorId: 'm1', slot: 1 }, { dedupeWindowMs: -1 })).rejects.toThrow(
      /dedupeWindowMs/,
    );
    expect(() => backend.consume('probes', probeJob, async () => {}, { concurrency: 0 })).toThrow(
      /concurrency/,
    );
  });
});
