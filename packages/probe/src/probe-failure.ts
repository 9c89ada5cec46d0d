import type { ProbeError } from '@mcpulse/core';
import type { ProbeErrorCode, ProbePhase } from '@mcpulse/core/domain';

interface FailureDetails {
  httpStatus?: number;
  rpcCode?: number;
  cause?: unknown;
  /** The server answered, but plainly does not speak the era that was tried. */
  eraRefused?: boolean;
  /** The `WWW-Authenticate` header of a 401 or 403, as sent. */
  challenge?: string;
}

/**
 * The one error class the probe throws internally; `probe()` turns it into the
 * result's `error` object, so every failure carries a stable code and a phase.
 */
export class ProbeFailure extends Error {
  override readonly name = 'ProbeFailure';
  readonly code: ProbeErrorCode;
  phase: ProbePhase;
  readonly httpStatus: number | undefined;
  readonly rpcCode: number | undefined;
  readonly eraRefused: boolean;
  readonly challenge: string | undefined;

  constructor(code: ProbeErrorCode, phase: ProbePhase, message: string, details: FailureDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.phase = phase;
    this.httpStatus = details.httpStatus;
    this.rpcCode = details.rpcCode;
    this.eraRefused = details.eraRefused ?? false;
    this.challenge = details.challenge;
  }

  toProbeError(): ProbeError {
    const error: ProbeError = { code: this.code, message: this.message, phase: this.phase };
    if (this.httpStatus !== undefined) error.httpStatus = this.httpStatus;
    if (this.rpcCode !== undefined) error.rpcCode = this.rpcCode;
    return error;
  }
}

export function isProbeFailure(error: unknown): error is ProbeFailure {
  return error instanceof ProbeFailure;
}
