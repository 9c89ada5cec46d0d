import { type ProbeError, type ProbeResult, storableResult, type Tool } from '@mcpulse/core';
import { isFinalProbeError, type ProbeTransport, type ProtocolEra } from '@mcpulse/core/domain';
import { createAddressPolicy } from './address-policy.js';
import { checkAuthorized } from './auth/authorized-check.js';
import { DEFAULT_CLIENT_INFO } from './eras/client-info.js';
import { type AttemptOutcome, type EraProgress, newProgress } from './eras/era-outcome.js';
import { runLegacyHttp } from './eras/legacy-http.js';
import { NotSseEndpoint, runLegacySse } from './eras/legacy-sse.js';
import { runModern } from './eras/modern.js';
import { roundedTimings } from './phase-timings.js';
import { ProbeFailure } from './probe-failure.js';
import {
  PROBE_DEFAULTS,
  type ProbeOptions,
  parseTargetUrl,
  resolvedLimits,
  systemResolver,
  validateHeaders,
} from './probe-options.js';
import { cachedSchemaHash } from './tools-hash-cache.js';
import { CheckContext } from './wire/check-context.js';

export interface ProbeReport {
  result: ProbeResult;
  /** Every tool from every page as the server sent it; null when the check did not get that far. */
  tools: Tool[] | null;
}

/** The modern request was refused as unknown: the server speaks the other era, so its error is the one to report. */
function refusedAsUnknown(failure: ProbeFailure): boolean {
  return (
    failure.eraRefused ||
    [400, 404, 405].includes(failure.httpStatus ?? 0) ||
    [-32601, -32000, -32022].includes(failure.rpcCode ?? 0)
  );
}

/**
 * The spec's backwards-compatibility test on the Streamable HTTP `initialize` POST: `404` or `405`
 * means nothing takes a POST here, so the URL may serve the HTTP+SSE transport. So may a `400`,
 * which an HTTP+SSE server gives when a POST lacks the session its `endpoint` event would have
 * issued, but only without a JSON-RPC error body: with one, a Streamable HTTP server read the
 * request and refused it (a modern-only server refusing `initialize`), and its GET stream, if it
 * has one, would never announce an endpoint.
 */
function mayServeSse(failure: ProbeFailure): boolean {
  if (failure.httpStatus === 404 || failure.httpStatus === 405) return true;
  return failure.httpStatus === 400 && failure.code !== 'rpc_error';
}

type Attempt = (ctx: CheckContext, url: URL, progress: EraProgress) => Promise<void>;

async function attempt(
  ctx: CheckContext,
  url: URL,
  era: ProtocolEra,
  transport: ProbeTransport,
  run: Attempt,
): Promise<AttemptOutcome> {
  const progress = newProgress(era, transport);
  const clock = ctx.clock.beginAttempt();
  try {
    await run(ctx, url, progress);
    return { progress, failure: null, clock, notSse: false };
  } catch (error) {
    if (error instanceof NotSseEndpoint) {
      return { progress: newProgress(era, transport), failure: error.failure, clock, notSse: true };
    }
    if (error instanceof ProbeFailure) return { progress, failure: error, clock, notSse: false };
    throw error;
  } finally {
    ctx.clock.endAttempt();
  }
}

async function negotiate(ctx: CheckContext, url: URL, options: ProbeOptions): Promise<AttemptOutcome> {
  const clientInfo = options.clientInfo ?? DEFAULT_CLIENT_INFO;
  const transport = options.transport ?? PROBE_DEFAULTS.transport;
  const sse: Attempt = (c, u, p) => runLegacySse(c, u, clientInfo, p);
  if (transport === 'sse') return attempt(ctx, url, 'legacy', 'sse', sse);

  const modern = await attempt(ctx, url, 'modern', 'streamable-http', (c, u, p) =>
    runModern(c, u, clientInfo, p),
  );
  // Once server/discover succeeded the server speaks the modern era: its failures are its own.
  const modernSpoken = modern.progress.protocolVersion !== null;
  if (!modern.failure || modernSpoken || isFinalProbeError(modern.failure.code)) return modern;
  const legacy = await attempt(ctx, url, 'legacy', 'streamable-http', (c, u, p) =>
    runLegacyHttp(c, u, clientInfo, p),
  );
  if (!legacy.failure) return legacy;

  let legacyOutcome = legacy;
  if (transport === 'auto' && legacy.progress.protocolVersion === null && mayServeSse(legacy.failure)) {
    const overSse = await attempt(ctx, url, 'legacy', 'sse', sse);
    // A URL that serves no SSE stream speaks Streamable HTTP, however badly: its error is the one to report.
    if (!overSse.notSse) legacyOutcome = overSse;
    if (!legacyOutcome.failure) return legacyOutcome;
  }
  return refusedAsUnknown(modern.failure) ? legacyOutcome : modern;
}

/** Hashes the tools, or explains why a hostile or broken listing cannot be hashed. */
function hashTools(tools: Tool[]): { hash: string } | { error: ProbeError } {
  try {
    return { hash: cachedSchemaHash(tools) };
  } catch (error) {
    const reason = error instanceof RangeError ? 'nested too deeply' : (error as Error).message;
    return {
      error: {
        code: 'invalid_response',
        phase: 'tools_list',
        message: `tool schemas are not valid I-JSON and cannot be canonicalized (RFC 8785): ${reason}`,
      },
    };
  }
}

/**
 * Runs one protocol-aware check of an MCP endpoint. Never throws for anything
 * the target does: every failure becomes a result with a stable error code.
 * Throws `InvalidProbeOptions` for a malformed request.
 */
export async function runProbe(options: ProbeOptions): Promise<ProbeReport> {
  const url = parseTargetUrl(options.url);
  const headers = validateHeaders({ ...options.headers });
  const checkedAt = new Date().toISOString();
  const ctx = new CheckContext({
    targetOrigin: url.origin,
    limits: resolvedLimits(options),
    policy: createAddressPolicy({
      allowPrivate: options.allowPrivateAddresses ?? false,
      allowCidrs: options.allowedCidrs ?? [],
    }),
    resolver: options.resolver ?? systemResolver,
    headers,
    userAgent: options.userAgent ?? `mcpulse-probe/${(options.clientInfo ?? DEFAULT_CLIENT_INFO).version}`,
  });
  const ownAuthorization = Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
  let checked: Awaited<ReturnType<typeof checkAuthorized>>;
  try {
    checked = await checkAuthorized(ctx, url, { auth: options.auth, ownAuthorization }, () =>
      negotiate(ctx, url, options),
    );
  } finally {
    ctx.clock.stop();
    ctx.close();
  }

  const { outcome, auth } = checked;
  const { progress, failure } = outcome;
  const times = ctx.clock.times(outcome.clock);
  // A server without the tools capability completed the check with an empty listing; auth discovery lists nothing.
  const listed = outcome.authOnly ? null : (progress.tools ?? (failure === null ? [] : null));
  let error: ProbeError | null = failure ? failure.toProbeError() : null;
  // A listing that cannot be canonicalized as sent would trip a careful client too: the server's fault.
  const asSent = listed === null ? null : hashTools(listed);
  if (asSent && 'error' in asSent) error ??= asSent.error;
  if (!error && progress.tools !== null && progress.tools.length === 0) {
    error = {
      code: 'no_tools',
      phase: 'tools_list',
      message: 'server declares the tools capability but lists no tools',
    };
  }
  const keepsTools = !error || error.code === 'no_tools';
  const threshold = options.degradedThresholdMs ?? PROBE_DEFAULTS.degradedThresholdMs;
  const { result, tools } = storableResult(
    {
      result: {
        url: options.url,
        status: error ? 'down' : times.total > threshold ? 'degraded' : 'up',
        error,
        httpAlive: ctx.httpAlive,
        transport: ctx.httpAlive ? progress.transport : null,
        era: progress.protocolVersion !== null ? progress.era : null,
        protocolVersion: progress.protocolVersion,
        serverInfo: progress.serverInfo,
        capabilities: progress.capabilities,
        toolCount: listed === null ? null : listed.length,
        schemaHash: null,
        timings: roundedTimings(times),
        auth,
        checkedAt,
      },
      tools: keepsTools ? listed : null,
    },
    ctx.secretValues(),
  );
  // The hash covers the tools as stored, so a snapshot matches its hash and an echoed secret never moves it.
  if (tools === null) return { result, tools };
  const stored = hashTools(tools);
  if ('hash' in stored) return { result: { ...result, schemaHash: stored.hash }, tools };
  return { result: { ...result, status: 'down', error: result.error ?? stored.error }, tools: null };
}
