// Colons group related queues (`probe:eu-west`); the BullMQ backend turns the groups into key prefixes.
const QUEUE_NAME = /^[A-Za-z0-9_-]+(?::[A-Za-z0-9_-]+)*$/;

export function assertQueueName(queue: string, what = 'queue name'): void {
  if (!QUEUE_NAME.test(queue)) {
    throw new TypeError(
      `invalid ${what} ${JSON.stringify(queue)}: use letters, digits, "-" and "_", with ":" between parts`,
    );
  }
}
