import { ProbeFailure } from '../probe-failure.js';

/** A server that issued a session and then answers 400/404 has lost or rejected it. */
export function asSessionError(error: unknown): unknown {
  if (!(error instanceof ProbeFailure) || (error.httpStatus !== 400 && error.httpStatus !== 404))
    return error;
  return new ProbeFailure(
    'session_error',
    error.phase,
    `server issued a session, then rejected it with HTTP ${error.httpStatus}: ${error.message}`,
    error.rpcCode === undefined
      ? { httpStatus: error.httpStatus }
      : { httpStatus: error.httpStatus, rpcCode: error.rpcCode },
  );
}
