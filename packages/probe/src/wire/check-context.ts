import http from 'node:http';
import https from 'node:https';
import type { ProbePhase } from '@mcpulse/core';
import type { AddressPolicy } from '../address-policy.js';
import { ProbeFailure } from '../probe-failure.js';

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
  maxPages: number;
  maxRedirects: number;
}

export interface CheckContextOptions {
  limits: CheckLimits;
  policy: AddressPolicy;
  resolver: Resolver;
  headers: Record<string, string>;
  userAgent: string;
}

/**
 * Everything one check owns: its deadline, its own keep-alive agents (so every
 * check starts from a fresh connection and timings are real), the timings of
 * its first connection, and the secrets it must keep out of every message.
 */
export class CheckContext {
  readonly startedAt = performance.now();
  readonly limits: CheckLimits;
  readonly policy: AddressPolicy;
  readonly resolver: Resolver;
  readonly customHeaders: Record<string, string>;
  readonly userAgent: string;
  phase: ProbePhase = 'dns';
  httpAlive = false;
  timedOut = false;
  dnsMs: number | null = null;
  connectMs: number | null = null;
  tlsMs: number | null = null;
  private firstConnectionSeen = false;
  private httpAgent: http.Agent | undefined;
  private httpsAgent: https.Agent | undefined;
  private readonly inFlight = new Set<http.ClientRequest>();
  private readonly timer: NodeJS.Timeout;
  private readonly deadlineListeners = new Set<() => void>();

  constructor(options: CheckContextOptions) {
    this.limits = options.limits;
    this.policy = options.policy;
    this.resolver = options.resolver;
    this.customHeaders = options.headers;
    this.userAgent = options.userAgent;
    this.timer = setTimeout(() => this.expire(), options.limits.timeoutMs);
  }

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  remainingMs(): number {
    return Math.max(0, this.limits.timeoutMs - this.elapsedMs());
  }

  agentFor(secure: boolean): http.Agent {
    if (secure) {
      this.httpsAgent ??= new https.Agent({ keepAlive: true, maxSockets: 4 });
      return this.httpsAgent;
    }
    this.httpAgent ??= new http.Agent({ keepAlive: true, maxSockets: 4 });
    return this.httpAgent;
  }

  /** True exactly once: the first connection of the check is the one whose timings are reported. */
  claimFirstConnection(): boolean {
    if (this.firstConnectionSeen) return false;
    this.firstConnectionSeen = true;
    return true;
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
