import http from 'node:http';
import https from 'node:https';
import { type Scrub, secretScrubber } from '@mcpulse/core';
import type { ProbePhase } from '@mcpulse/core/domain';
import type { AddressPolicy } from '../address-policy.js';
import { ProbeFailure } from '../probe-failure.js';
import { PhaseClock } from './phase-clock.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has; injectable so tests can point names anywhere. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface CheckLimits {
  timeoutMs: number;
  connectTimeoutMs: number;
  maxBodyBytes: number;
  /** Everything one check may read across all its responses: bounds memory per check. */
  maxTotalBytes: number;
  maxPages: number;
  maxRedirects: number;
}

export interface CheckContextOptions {
  /** The monitored origin: the only one the monitor's own headers are ever sent to. */
  targetOrigin: string;
  limits: CheckLimits;
  policy: AddressPolicy;
  resolver: Resolver;
  headers: Record<string, string>;
  userAgent: string;
  /**
   * Keep-alive agents that outlive the check, for callers that send many
   * requests to the same hosts (webhooks). A pooled socket was judged by the
   * address policy when it connected; a check's own agents are used otherwise.
   */
  sharedAgents?: { http: http.Agent; https: https.Agent };
}

/**
 * Everything one check owns: its deadline, its own keep-alive agents (so every
 * check starts from a fresh connection and timings are real), the clock its
 * phases are timed by, and the secrets it must keep out of every message.
 */
export class CheckContext {
  readonly startedAt = performance.now();
  readonly clock = new PhaseClock(this.startedAt);
  readonly limits: CheckLimits;
  readonly policy: AddressPolicy;
  readonly resolver: Resolver;
  readonly customHeaders: Record<string, string>;
  readonly targetOrigin: string;
  readonly userAgent: string;
  /** Bytes read so far by every response of the check. */
  bytesRead = 0;
  phase: ProbePhase = 'dns';
  httpAlive = false;
  timedOut = false;
  private httpAgent: http.Agent | undefined;
  private httpsAgent: https.Agent | undefined;
  private readonly sharedAgents: CheckContextOptions['sharedAgents'];
  private readonly inFlight = new Set<http.ClientRequest>();
  private readonly timer: NodeJS.Timeout;
  private readonly deadlineListeners = new Set<() => void>();
  private scrubSecrets: Scrub;
  private readonly secrets: string[];
  /** The OAuth access token the MCP requests carry, once the check has one. */
  private bearer: string | null = null;

  constructor(options: CheckContextOptions) {
    this.limits = options.limits;
    this.policy = options.policy;
    this.resolver = options.resolver;
    this.customHeaders = options.headers;
    this.targetOrigin = options.targetOrigin;
    this.secrets = Object.values(options.headers);
    this.scrubSecrets = secretScrubber(this.secrets);
    this.userAgent = options.userAgent;
    this.sharedAgents = options.sharedAgents;
    this.timer = setTimeout(() => this.expire(), options.limits.timeoutMs);
  }

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  remainingMs(): number {
    return Math.max(0, this.limits.timeoutMs - this.elapsedMs());
  }

  agentFor(secure: boolean): http.Agent {
    if (this.sharedAgents) return secure ? this.sharedAgents.https : this.sharedAgents.http;
    if (secure) {
      this.httpsAgent ??= new https.Agent({ keepAlive: true });
      return this.httpsAgent;
    }
    this.httpAgent ??= new http.Agent({ keepAlive: true });
    return this.httpAgent;
  }

  /** Moves the check into a protocol phase: errors name it, and its time is charged to it. */
  enterPhase(phase: 'handshake' | 'tools_list'): void {
    this.phase = phase;
    this.clock.switchTo(phase === 'handshake' ? 'handshake' : 'toolsList');
  }

  track(request: http.ClientRequest): void {
    this.inFlight.add(request);
    request.once('close', () => this.inFlight.delete(request));
  }

  /** Runs `listener` when the deadline passes; returns a function that unregisters it. */
  onDeadline(listener: () => void): () => void {
    if (this.timedOut) {
      queueMicrotask(listener);
      return () => {};
    }
    this.deadlineListeners.add(listener);
    return () => this.deadlineListeners.delete(listener);
  }

  /** Moves the check into OAuth discovery and the token request: errors name it, its time is the handshake's lane. */
  enterAuthPhase(): void {
    this.phase = 'auth';
    this.clock.switchTo('handshake');
  }

  /** The access token the MCP requests carry from now on; it is scrubbed like a header value. */
  useAccessToken(token: string): void {
    this.bearer = token;
    this.addSecrets([token]);
  }

  get sendsAccessToken(): boolean {
    return this.bearer !== null;
  }

  /** More values to keep out of every message (an access token, a client secret). */
  addSecrets(values: readonly string[]): void {
    this.secrets.push(...values);
    this.scrubSecrets = secretScrubber(this.secrets);
  }

  /** Every value scrubbed from what the servers sent back. */
  secretValues(): readonly string[] {
    return this.secrets;
  }

  /**
   * Headers for a request to `url`: the monitor's own, and the access token, only towards the
   * monitored origin, and only as far as `credentials` allows.
   */
  headersFor(
    url: URL,
    protocolHeaders: Record<string, string>,
    credentials: 'all' | 'headers' | 'none' = 'all',
  ): Record<string, string> {
    const ownOrigin = url.origin === this.targetOrigin;
    const own = ownOrigin && credentials !== 'none' ? this.customHeaders : {};
    const token: Record<string, string> =
      ownOrigin && credentials === 'all' && this.bearer !== null
        ? { authorization: `Bearer ${this.bearer}` }
        : {};
    return { 'user-agent': this.userAgent, ...own, ...token, ...protocolHeaders };
  }

  /**
   * Removes the monitor's header values (and their bearer tokens) from text a
   * server sent back, before it is cut down to an excerpt, so no fragment survives.
   */
  scrub(text: string): string {
    return this.scrubSecrets(text);
  }

  timeoutFailure(): ProbeFailure {
    return new ProbeFailure(
      'timeout',
      this.phase,
      `no complete answer within the ${this.limits.timeoutMs} ms deadline (during ${this.phase.replace('_', ' ')})`,
    );
  }

  close(): void {
    clearTimeout(this.timer);
    this.deadlineListeners.clear();
    for (const request of this.inFlight) request.destroy();
    this.inFlight.clear();
    this.httpAgent?.destroy();
    this.httpsAgent?.destroy();
  }

  private expire(): void {
    this.timedOut = true;
    for (const listener of this.deadlineListeners) listener();
    this.deadlineListeners.clear();
    for (const request of this.inFlight) request.destroy(this.timeoutFailure());
  }
}
