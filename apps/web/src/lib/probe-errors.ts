import type { ProbeErrorCode } from '@mcpulse/core/domain';

/** Every probe error code of PROBE.md in plain words, for people who never read it. */
export const PROBE_ERROR_WORDS: Record<ProbeErrorCode, string> = {
  dns_failure: 'The host name does not resolve: check the spelling of the URL, or the DNS record.',
  blocked_address:
    'The URL points to a private or local address, which this mcpulse does not allow monitoring.',
  connection_refused: 'Nothing is listening at that address: the server is down or on another port.',
  connection_reset: 'The server closed the connection before it finished answering.',
  connect_timeout: 'Connecting to the server took too long: it may be down, or a firewall drops the traffic.',
  tls_error: 'The HTTPS certificate was refused: it is invalid, expired, or for another host name.',
  timeout: 'The server did not answer in time.',
  auth_failed: 'The server refused the request (401 or 403): add or fix the Authorization header.',
  http_error: 'The server answered with an HTTP error status.',
  not_mcp: 'The URL answers HTTP, but not with MCP (it returned an HTML page or plain text).',
  invalid_response:
    'The server answered with malformed JSON-RPC: broken JSON, a wrong id, or a cut-off stream.',
  rpc_error: 'The server answered the MCP request with an error.',
  session_error: 'The server started an MCP session and then rejected it.',
  protocol_violation: 'The server answers MCP, but breaks the specification (a required field is missing).',
  no_tools: 'The server says it offers tools, but lists none: an agent can do nothing with it.',
  response_too_large: 'The server answered with more data than the probe accepts (over 4 MiB).',
  tool_error:
    'The canary tool call failed: the tool answered with an error, or the server no longer lists it.',
  expectation_failed: 'The canary tool answered, but not with what this monitor expects of its result.',
  auth_discovery_failed:
    'The server asks for OAuth, but its discovery is broken: a client cannot find where to get a token.',
  token_error:
    "The authorization server did not issue a token for the monitor's OAuth credentials: check the client ID and secret.",
  consent_revoked:
    "The authorization server refused the monitor's OAuth refresh token: the sign-in was revoked or expired. Reconnect to sign in again.",
};

/** The plain-words explanation of an error code; unknown codes (from a newer server) still read sensibly. */
export function describeProbeError(code: string): string {
  return (
    (PROBE_ERROR_WORDS as Record<string, string>)[code] ?? `The check failed (${code.replaceAll('_', ' ')}).`
  );
}

const PHASE_WORDS: Record<string, string> = {
  dns: 'resolving the host name',
  connect: 'connecting',
  tls: 'the TLS handshake',
  handshake: 'the MCP handshake',
  tools_list: 'listing tools',
  tool_call: 'calling the canary tool',
  auth: 'OAuth discovery or the token request',
};

/** "while connecting" and the like, for the phase where a check failed. */
export function describePhase(phase: string | null | undefined): string | null {
  if (!phase) return null;
  return PHASE_WORDS[phase] ?? phase;
}
