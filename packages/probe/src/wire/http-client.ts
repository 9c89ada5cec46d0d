import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { ProbeFailure } from '../probe-failure.js';
import type { CheckContext } from './check-context.js';
import { type SocketState, translateNetworkError } from './network-errors.js';
import type { ConnectionTiming } from './phase-clock.js';

export interface HttpRequest {
  url: URL;
  method: 'GET' | 'POST' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
  /**
   * What of the check's own credentials the request carries towards the monitored origin:
   * `all` (MCP requests: the monitor's headers and the access token), `headers` (OAuth
   * discovery: never the token), `none` (the token endpoint).
   */
  credentials?: 'all' | 'headers' | 'none';
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The URL that answered, after redirects; later requests of the check go there. */
  url: URL;
  stream: IncomingMessage;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function bareHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

function blockedFailure(host: string, address: string): ProbeFailure {
  const target = host === address ? address : `${host} (${address})`;
  return new ProbeFailure('blocked_address', 'connect', `${target} is in a blocked address range`);
}

/**
 * Resolution through the check's resolver, so that the address the policy
 * approves is the very address the socket connects to: no rebinding window.
 */
function guardedLookup(ctx: CheckContext, timing: ConnectionTiming): LookupFunction {
  return (hostname, options, callback) => {
    timing.step('dns');
    ctx.resolver(hostname).then(
      (addresses) => {
        timing.step('connect');
        const allowed = addresses.filter((entry) => !ctx.policy.isBlocked(entry.address));
        const first = allowed[0];
        if (addresses.length === 0) {
          callback(Object.assign(new Error(`no addresses for ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
        } else if (!first) {
          callback(blockedFailure(hostname, addresses[0]?.address ?? ''), '', 4);
        } else if (options.all) {
          (callback as unknown as (err: null, all: typeof allowed) => void)(null, allowed);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: unknown) => {
        timing.end();
        callback(error as NodeJS.ErrnoException, '', 4);
      },
    );
  };
}

function watchSocket(
  ctx: CheckContext,
  request: http.ClientRequest,
  state: SocketState,
  host: string,
  timing: ConnectionTiming,
): void {
  request.once('socket', (socket: Socket) => {
    state.assigned = true;
    if (!socket.connecting) {
      state.resolved = true;
      state.connected = true;
      state.tlsDone = true;
      timing.end();
      return;
    }
    // A literal address has no lookup: connecting starts now.
    if (state.resolved) timing.step('connect');
    let connectTimer: NodeJS.Timeout | undefined;
    // The connect deadline starts once the address is known: DNS has its own phase.
    const startConnectTimer = () => {
      connectTimer = setTimeout(
        () => {
          const phase = state.connected ? 'tls' : 'connect';
          request.destroy(
            new ProbeFailure(
              'connect_timeout',
              phase,
              `${phase === 'tls' ? 'TLS handshake' : 'TCP connect'} with ${host} did not finish within ${ctx.limits.connectTimeoutMs} ms`,
            ),
          );
        },
        Math.min(ctx.limits.connectTimeoutMs, ctx.remainingMs()),
      );
    };
    const settle = () => clearTimeout(connectTimer);
    if (state.resolved) startConnectTimer();
    else {
      socket.once('lookup', () => {
        state.resolved = true;
        startConnectTimer();
      });
    }
    socket.once('connect', () => {
      state.connected = true;
      if (state.secure) timing.step('tls');
      else timing.end();
      const remote = socket.remoteAddress;
      if (remote && ctx.policy.isBlocked(remote)) {
        request.destroy(blockedFailure(host, remote));
        return;
      }
      if (!state.secure) settle();
    });
    if (state.secure) {
      (socket as TLSSocket).once('secureConnect', () => {
        state.tlsDone = true;
        timing.end();
        settle();
      });
    }
    socket.once('close', () => {
      timing.end();
      settle();
    });
  });
}

function sendOnce(ctx: CheckContext, request: HttpRequest): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const host = bareHost(request.url);
    const secure = request.url.protocol === 'https:';
    const literal = isIP(host) !== 0;
    if (literal && ctx.policy.isBlocked(host)) {
      reject(blockedFailure(host, host));
      return;
    }
    if (ctx.timedOut) {
      reject(ctx.timeoutFailure());
      return;
    }
    const state: SocketState = {
      assigned: false,
      resolved: literal,
      connected: false,
      secure,
      tlsDone: !secure,
    };
    const headers = ctx.headersFor(request.url, request.headers, request.credentials ?? 'all');
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    // The agent may look the host up before request() returns, so the timing exists first.
    const timing = ctx.clock.connection();
    const outgoing = (secure ? https : http).request(request.url, {
      method: request.method,
      headers,
      agent: ctx.agentFor(secure),
      lookup: guardedLookup(ctx, timing),
    });
    ctx.track(outgoing);
    watchSocket(ctx, outgoing, state, host, timing);
    outgoing.once('response', (stream) => {
      ctx.httpAlive = true;
      resolve({ status: stream.statusCode ?? 0, headers: stream.headers, url: request.url, stream });
    });
    outgoing.once('error', (error) => {
      timing.end();
      const deadline = ctx.timedOut || (error instanceof ProbeFailure && error.code === 'timeout');
      if (deadline && state.assigned && !state.resolved) {
        reject(new ProbeFailure('timeout', 'dns', `resolving ${host} did not finish before the deadline`));
      } else if (deadline && state.assigned && !(state.connected && state.tlsDone)) {
        const phase = state.connected ? 'tls' : 'connect';
        reject(
          new ProbeFailure('connect_timeout', phase, `connect to ${host} did not finish before the deadline`),
        );
      } else {
        reject(translateNetworkError(deadline ? ctx.timeoutFailure() : error, host, state, ctx.phase));
      }
    });
    outgoing.end(request.body);
  });
}

/**
 * Sends one HTTP request under the check's limits, following at most
 * `maxRedirects` redirects, each one checked by the address policy again.
 * The method and body are kept across redirects: an MCP endpoint only speaks POST.
 */
export async function sendHttp(ctx: CheckContext, request: HttpRequest): Promise<HttpResponse> {
  let current = request;
  for (let hop = 0; ; hop++) {
    const response = await sendOnce(ctx, current);
    const location = response.headers.location;
    if (!REDIRECT_STATUSES.has(response.status) || !location) return response;
    response.stream.resume();
    if (hop >= ctx.limits.maxRedirects) {
      throw new ProbeFailure('http_error', ctx.phase, `more than ${ctx.limits.maxRedirects} redirects`, {
        httpStatus: response.status,
      });
    }
    let next: URL;
    try {
      next = new URL(location, current.url);
    } catch {
      throw new ProbeFailure('http_error', ctx.phase, `redirect to an invalid location`, {
        httpStatus: response.status,
      });
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new ProbeFailure('http_error', ctx.phase, `redirect to unsupported scheme ${next.protocol}`, {
        httpStatus: response.status,
      });
    }
    current = { ...current, url: next };
  }
}
