import type { Consumer } from './types.js';

/** The consumers a backend started and not yet closed, so closing the backend can close them. */
export class OpenConsumers {
  private readonly open = new Set<Consumer>();

  track(consumer: Consumer): Consumer {
    let closing: Promise<void> | undefined;
    const tracked: Consumer = {
      close: () => {
        closing ??= consumer.close().finally(() => this.open.delete(tracked));
        return closing;
      },
    };
    this.open.add(tracked);
    return tracked;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.open].map((consumer) => consumer.close()));
  }
}
