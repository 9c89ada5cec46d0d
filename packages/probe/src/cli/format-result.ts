import type { ProbeAuthReport, ProbeResult } from '@mcpulse/core';
import { AUTH_MODE_LABELS } from '@mcpulse/core/domain';

/** To the hundredth, as measured: the phases on the timings line then add up to the total shown. */
function ms(value: number | null): string {
  return value === null ? '–' : `${value.toFixed(2)} ms`;
}

/** What the check learnt of the server's OAuth authorization: never a secret, only metadata. */
function authLines(auth: ProbeAuthReport): string[] {
  const lines = [
    `  auth       ${AUTH_MODE_LABELS[auth.mode].toLowerCase()}${auth.required ? '' : ' (the server asked for none)'}`,
  ];
  if (auth.resourceMetadataUrl) lines.push(`             resource metadata ${auth.resourceMetadataUrl}`);
  if (auth.issuer ?? auth.authorizationServers[0])
    lines.push(`             authorization server ${auth.issuer ?? auth.authorizationServers[0]}`);
  if (auth.scopesSupported.length > 0) lines.push(`             scopes ${auth.scopesSupported.join(' ')}`);
  if (auth.failedStep)
    lines.push(`             failed at ${auth.failedStep.replaceAll('_', ' ')}: ${auth.reason ?? ''}`);
  return lines;
}

/** The readable summary `mcpulse probe` prints by default. */
export function formatResult(result: ProbeResult): string {
  const mark = result.status === 'down' ? '✖' : result.status === 'degraded' ? '▲' : '✔';
  const lines = [`${mark} ${result.status.toUpperCase()}  ${result.url}  (${ms(result.timings.totalMs)})`];
  if (result.error) {
    const extra = [
      result.error.httpStatus === undefined ? null : `HTTP ${result.error.httpStatus}`,
      result.error.rpcCode === undefined ? null : `JSON-RPC ${result.error.rpcCode}`,
    ].filter(Boolean);
    lines.push(
      `  error      ${result.error.code} during ${result.error.phase.replace('_', ' ')}${extra.length ? ` (${extra.join(', ')})` : ''}`,
    );
    lines.push(`             ${result.error.message}`);
    lines.push(
      `  http       ${result.httpAlive ? 'the endpoint answers HTTP, but MCP fails' : 'no HTTP response'}`,
    );
  }
  if (result.auth) lines.push(...authLines(result.auth));
  if (result.serverInfo)
    lines.push(`  server     ${result.serverInfo.name} ${result.serverInfo.version}`.trimEnd());
  if (result.protocolVersion) {
    lines.push(`  protocol   ${result.protocolVersion} (${result.era} era, ${result.transport})`);
  }
  if (result.toolCount !== null) lines.push(`  tools      ${result.toolCount}`);
  if (result.schemaHash) lines.push(`  schema     ${result.schemaHash}`);
  const t = result.timings;
  lines.push(
    `  timings    dns ${ms(t.dnsMs)} · connect ${ms(t.connectMs)} · tls ${ms(t.tlsMs)} · negotiation ${ms(t.negotiationMs)} · handshake ${ms(t.handshakeMs)} · tools/list ${ms(t.toolsListMs)} · other ${ms(t.otherMs)} = ${ms(t.totalMs)}`,
  );
  return lines.join('\n');
}
