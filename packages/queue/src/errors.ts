/** Thrown by a handler for a failure that retrying cannot fix: the job fails at once, whatever its attempts. */
export class PermanentJobError extends Error {
  override readonly name = 'PermanentJobError';
}

/** Job data that does not match its queue's schema, at add or (for data stored by an older release) at delivery. */
export class InvalidJobData extends Error {
  override readonly name = 'InvalidJobData';
  constructor(
    readonly queue: string,
    /** The first offending field as a dotted path (`checks.0.latencyMs`), or `(root)`. */
    readonly field: string,
    message: string,
  ) {
    super(`invalid job data for queue "${queue}": ${field}: ${message}`);
  }
}

/** Use of a backend, or of a producer from it, after the backend was closed. */
export class QueueClosed extends Error {
  override readonly name = 'QueueClosed';
  constructor(queue?: string) {
    super(queue === undefined ? 'queue backend is closed' : `queue "${queue}" is closed`);
  }
}
