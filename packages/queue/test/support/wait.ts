import { setTimeout as sleep } from 'node:timers/promises';

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}

export interface Gate {
  promise: Promise<void>;
  open(): void;
}

const unopened = new Set<() => void>();

/** A promise for handlers to wait on, until the test opens it. */
export function gate(): Gate {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  const open = () => {
    unopened.delete(open);
    resolve();
  };
  unopened.add(open);
  return { promise, open };
}

/** For afterEach, before closing consumers: a failed test must not leave a handler waiting forever. */
export function openAllGates(): void {
  for (const open of [...unopened]) open();
}
