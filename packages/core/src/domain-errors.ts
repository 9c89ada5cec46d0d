/**
 * The few error classes domain code throws. Each carries a stable code; the API
 * maps them to HTTP statuses, the worker to retry or not, the CLI to exit codes.
 */
export type DomainErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'quota_exceeded'
  | 'unauthenticated'
  | 'forbidden'
  | 'rate_limited'
  | DomainVerificationCode;

/** Why a custom domain's ownership record did not prove it: none there, another value, or DNS failed. */
export type DomainVerificationCode = 'dns_record_missing' | 'dns_record_mismatch' | 'dns_lookup_failed';

export class DomainError extends Error {
  override readonly name: string = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export class ValidationFailed extends DomainError {
  override readonly name = 'ValidationFailed';
  /** The request field at fault, as a dotted path (`headers.Authorization`). */
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('validation_failed', message);
  }
}

export class NotFound extends DomainError {
  override readonly name = 'NotFound';
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

export class Conflict extends DomainError {
  override readonly name = 'Conflict';
  constructor(message: string) {
    super('conflict', message);
  }
}

export class QuotaExceeded extends DomainError {
  override readonly name = 'QuotaExceeded';
  constructor(
    message: string,
    readonly limit: number,
  ) {
    super('quota_exceeded', message);
  }
}

export class Unauthenticated extends DomainError {
  override readonly name = 'Unauthenticated';
  constructor(message = 'authentication required') {
    super('unauthenticated', message);
  }
}

export class Forbidden extends DomainError {
  override readonly name = 'Forbidden';
  constructor(message: string) {
    super('forbidden', message);
  }
}

/** A custom domain whose ownership record was not found as expected; the code says what was found. */
export class DomainVerificationFailed extends DomainError {
  override readonly name = 'DomainVerificationFailed';
  constructor(code: DomainVerificationCode, message: string) {
    super(code, message);
  }
}
