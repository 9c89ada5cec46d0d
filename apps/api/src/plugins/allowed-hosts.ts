import { isIP, isIPv6 } from 'node:net';

/** A host name the API answers to; without a port, any port of it. */
export interface AllowedHost {
  hostname: string;
  port?: number;
}

/** Loopback names, always allowed: the embedded mode and health checks from the machine itself use them. */
export const LOOPBACK_HOSTS: readonly AllowedHost[] = [
  { hostname: 'localhost' },
  { hostname: '127.0.0.1' },
  { hostname: '[::1]' },
];

// Underscores are not DNS, but container and service names use them.
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const PORT = /^\d{1,5}$/;

function validHostname(name: string): boolean {
  if (name.startsWith('[') && name.endsWith(']')) return isIPv6(name.slice(1, -1));
  return name.length <= 253 && name.split('.').every((label) => LABEL.test(label));
}

/**
 * Parses `host` or `host:port` as a Host header or an MCPULSE_ALLOWED_HOSTS
 * item writes it (IPv6 in brackets), lower-cased; null when it is not one.
 */
export function parseHost(text: string): AllowedHost | null {
  const value = text.trim().toLowerCase();
  const bracket = value.startsWith('[') ? value.indexOf(']') : -1;
  const colon = bracket >= 0 ? (value[bracket + 1] === ':' ? bracket + 1 : -1) : value.lastIndexOf(':');
  if (bracket >= 0 && colon < 0 && bracket !== value.length - 1) return null;
  const hostname = colon < 0 ? value : value.slice(0, colon);
  if (!validHostname(hostname)) return null;
  if (colon < 0) return { hostname };
  const port = value.slice(colon + 1);
  if (!PORT.test(port) || Number(port) < 1 || Number(port) > 65_535) return null;
  return { hostname, port: Number(port) };
}

/** The port a request went to: the one its Host names, else the scheme's default. */
function effectivePort(host: AllowedHost, protocol: string): number {
  return host.port ?? (protocol === 'https' ? 443 : 80);
}

/**
 * Whether `host` (a Host header) names one of `allowed`. An allowed name
 * without a port matches every port; one with a port only that port.
 */
export function hostAllowed(host: string, protocol: string, allowed: readonly AllowedHost[]): boolean {
  const sent = parseHost(host);
  if (sent === null) return false;
  return allowed.some(
    (candidate) =>
      candidate.hostname === sent.hostname &&
      (candidate.port === undefined || candidate.port === effectivePort(sent, protocol)),
  );
}

const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The address the server listens on (`HOST`), as a host it answers to: one
 * bound to a specific address or name is reached by it, and a rebinding page
 * never sends a bare address as its Host. A wildcard address names no host.
 */
export function listeningHost(address: string): AllowedHost[] {
  if (WILDCARD_ADDRESSES.has(address)) return [];
  const host = parseHost(isIP(address) === 6 ? `[${address}]` : address);
  return host === null ? [] : [host];
}
