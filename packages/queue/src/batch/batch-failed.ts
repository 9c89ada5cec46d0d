import { PermanentJobError } from '../errors.js';

/**
 * The error every job of a failed batch fails with. It is logged once for the batch, and keeps the
 * handler's verdict on retrying.
 */
export class BatchFailed extends Error {
  override readonly name = 'BatchFailed';
  readonly permanent: boolean;
  constructor(size: number, cause: Error) {
    super(`batch of ${size} failed: ${cause.message}`, { cause });
    this.permanent = cause instanceof PermanentJobError;
  }
}
