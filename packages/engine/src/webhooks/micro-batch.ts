interface Waiting<In, Out> {
  item: In;
  resolve: (value: Out) => void;
  reject: (error: unknown) => void;
}

export interface MicroBatchOptions<In> {
  maxItems: number;
  /** How long the first item waits for company; short, since every caller waits this long at most. */
  maxWaitMs: number;
  /** Items that cannot share a batch (the same row twice): the later one goes in the next batch. */
  keyOf?: (item: In) => string;
}

/**
 * Lets many concurrent callers share one database round trip: calls made
 * within `maxWaitMs` of each other go to `run` together, and each caller gets
 * its own answer (`run` returns one per item, in order). A failed batch fails
 * every call in it. Batches run concurrently; nothing waits for another batch.
 */
export function microBatch<In, Out>(
  run: (items: In[]) => Promise<Out[]>,
  options: MicroBatchOptions<In>,
): (item: In) => Promise<Out> {
  let waiting: Array<Waiting<In, Out>> = [];
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch: Array<Waiting<In, Out>> = [];
    const later: Array<Waiting<In, Out>> = [];
    const keys = new Set<string>();
    for (const entry of waiting) {
      const key = options.keyOf?.(entry.item);
      if (batch.length >= options.maxItems || (key !== undefined && keys.has(key))) later.push(entry);
      else {
        batch.push(entry);
        if (key !== undefined) keys.add(key);
      }
    }
    waiting = later;
    if (waiting.length > 0) timer = setTimeout(flush, 0);
    if (batch.length === 0) return;
    run(batch.map((entry) => entry.item)).then(
      (answers) => {
        for (const [i, entry] of batch.entries()) entry.resolve(answers[i] as Out);
      },
      (error: unknown) => {
        for (const entry of batch) entry.reject(error);
      },
    );
  };

  return (item) =>
    new Promise<Out>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (waiting.length >= options.maxItems) flush();
      else timer ??= setTimeout(flush, options.maxWaitMs);
    });
}
