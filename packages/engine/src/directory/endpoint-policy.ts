import { isIP } from 'node:net';
import type { DirectorySkipReason } from '@mcpulse/core/domain';
import { createAddressPolicy } from '@mcpulse/probe';

export interface EndpointPolicySettings {
  /** The only exceptions to the hosted address policy (`MCPULSE_ALLOWED_TARGET_CIDRS`). */
  allowedTargetCidrs: readonly string[];
  /** Hosts that opted out (`MCPULSE_DIRECTORY_OPT_OUT_HOSTS`), lower case, optionally with a port. */
  optOutHosts: readonly string[];
}

/** What the sync can tell of a URL without resolving it: a literal address, or the host's opt-out. */
export type EndpointPolicy = (
  url: string,
) => Extract<DirectorySkipReason, 'blocked_address' | 'opted_out'> | null;

/**
 * The hosted address policy, on every instance whatever it allows its own users: a public
 * registry must never make a self-hosted instance probe its owner's network. Names are judged
 * at each probe (after DNS); here only literal addresses, and `localhost` names (RFC 6761), which
 * always mean loopback. An opted-out host covers its subdomains.
 */
export function endpointPolicy(settings: EndpointPolicySettings): EndpointPolicy {
  const addresses = createAddressPolicy({ allowPrivate: false, allowCidrs: settings.allowedTargetCidrs });
  const optOut = new Set(settings.optOutHosts);
  return (raw) => {
    const url = new URL(raw);
    const hostname = url.hostname.replace(/\.$/, '');
    const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
    if (isIP(bare) !== 0) {
      if (addresses.isBlocked(bare)) return 'blocked_address';
    } else if (bare === 'localhost' || bare.endsWith('.localhost')) {
      if (addresses.isBlocked('127.0.0.1') || addresses.isBlocked('::1')) return 'blocked_address';
    }
    if (optOut.has(url.host) || optOut.has(bare)) return 'opted_out';
    for (let dot = bare.indexOf('.'); dot !== -1; dot = bare.indexOf('.', dot + 1)) {
      if (optOut.has(bare.slice(dot + 1))) return 'opted_out';
    }
    return null;
  };
}

/** The host an endpoint is grouped by for politeness and opt-outs: lower case, with a non-default port. */
export function endpointHost(url: string): string {
  return new URL(url).host;
}
