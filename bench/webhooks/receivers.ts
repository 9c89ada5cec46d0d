import { startChild } from '../probe/fixture/start-child.js';

export interface ArrivalsMessage {
  type: 'arrivals';
  arrivals: Array<[path: string, at: number]>;
}

export interface Receivers {
  /** One URL per endpoint, spread over the receiver servers; the path names the endpoint. */
  urls(count: number): string[];
  /** Arrivals since the last reset, as [path, epoch ms]. */
  arrivals(): Promise<Array<[string, number]>>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export async function startReceivers(servers: number): Promise<Receivers> {
  const child = await startChild('../../webhooks/receiver-child.ts', [String(servers)]);
  return {
    urls: (count) =>
      Array.from(
        { length: count },
        (_, i) => `http://127.0.0.1:${child.ports[i % child.ports.length]}/endpoint/${i}`,
      ),
    arrivals: async () => (await child.ask<ArrivalsMessage>('arrivals', 'arrivals')).arrivals,
    reset: async () => {
      await child.ask<{ type: 'reset' }>('reset', 'reset');
    },
    stop: () => child.stop(),
  };
}
