import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/**
 * Samples the process's resident set size from a worker thread, so sampling
 * goes on while the main thread is busy: starting 2,000 checks holds the main
 * event loop for a second or more, exactly when memory climbs fastest. RSS is
 * per process, so the worker sees the main thread's memory too.
 */
const SAMPLER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let peak = 0;
let samples = 0;
const sample = () => { samples++; peak = Math.max(peak, process.memoryUsage.rss()); };
sample();
const timer = setInterval(sample, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  sample();
  parentPort.postMessage({ peak, samples });
});
parentPort.postMessage('started');
`;

export interface RssPeak {
  peakBytes: number;
  samples: number;
}

export class RssSampler {
  private constructor(private readonly worker: Worker) {}

  static async start(intervalMs: number): Promise<RssSampler> {
    const worker = new Worker(SAMPLER_SOURCE, { eval: true, workerData: { intervalMs } });
    await once(worker, 'message');
    return new RssSampler(worker);
  }

  async stop(): Promise<RssPeak> {
    this.worker.postMessage('stop');
    const [result] = (await once(this.worker, 'message')) as [{ peak: number; samples: number }];
    await this.worker.terminate();
    return { peakBytes: result.peak, samples: result.samples };
  }
}
