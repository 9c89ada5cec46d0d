import type { ProbePhase } from '@mcpulse/core/domain';
import { isProbeFailure, ProbeFailure } from '../probe-failure.js';

const DNS_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'ENODATA',
  'ESERVFAIL',
  'ENOTIMP',
]);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) return String(error.code);
  return '';
}

function isTlsCode(code: string): boolean {
  return (
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.startsWith('CERT_') ||
    code.includes('CERT') ||
    code === 'EPROTO' ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
  );
}

export interface SocketState {
  /** The agent handed the request a socket (it may wait in the agent's queue before that). */
  assigned: boolean;
  resolved: boolean;
  connected: boolean;
  secure: boolean;
  tlsDone: boolean;
}

/** Maps a Node.js network error to the probe's stable error codes, with the phase it happened in. */
export function translateNetworkError(
  error: unknown,
  host: string,
  socket: SocketState,
  phase: ProbePhase,
): ProbeFailure {
  if (isProbeFailure(error)) return error;
  const code = errorCode(error);
  const detail = code || (error instanceof Error ? error.message : 'unknown error');
  if (DNS_CODES.has(code)) {
    return new ProbeFailure('dns_failure', 'dns', `host name "${host}" does not resolve (${detail})`, {
      cause: error,
    });
  }
  if (code === 'ECONNREFUSED') {
    return new ProbeFailure('connection_refused', 'connect', `connection to ${host} refused`, {
      cause: error,
    });
  }
  if (UNREACHABLE_CODES.has(code)) {
    return new ProbeFailure('connection_refused', 'connect', `${host} is unreachable (${code})`, {
      cause: error,
    });
  }
  if (code === 'ETIMEDOUT' && !socket.connected) {
    return new ProbeFailure('connect_timeout', 'connect', `TCP connect to ${host} timed out`, {
      cause: error,
    });
  }
  if (isTlsCode(code) || (socket.secure && socket.connected && !socket.tlsDone && !RESET_CODES.has(code))) {
    const message = error instanceof Error ? error.message : code;
    return new ProbeFailure('tls_error', 'tls', `TLS with ${host} failed: ${message}`, { cause: error });
  }
  if (code.startsWith('HPE_')) {
    return new ProbeFailure('invalid_response', phase, `malformed HTTP response (${code})`, { cause: error });
  }
  const resetPhase: ProbePhase = !socket.connected
    ? 'connect'
    : socket.secure && !socket.tlsDone
      ? 'tls'
      : phase;
  return new ProbeFailure(
    'connection_reset',
    resetPhase,
    `connection reset or closed before a complete response (${detail})`,
    { cause: error },
  );
}
