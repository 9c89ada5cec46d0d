import { isIP } from 'node:net';
import { ValidationFailed } from '@mcpulse/core';
import { LOOPBACK_HOSTS } from '../../../plugins/allowed-hosts.js';

/**
 * Refuses, at save, a domain that is never a page's whatever DNS says: a loopback name (any
 * `.localhost` name resolves to this machine), an address, or the host of MCPULSE_PUBLIC_URL, where
 * the dashboard is. Any other domain waits for its owner's proof (domain-verification.ts).
 */
export function checkPageDomain(domain: string, publicUrl: string | undefined): void {
  const loopback =
    LOOPBACK_HOSTS.some((host) => host.hostname === domain) ||
    domain === 'localhost' ||
    domain.endsWith('.localhost');
  if (loopback) throw new ValidationFailed('customDomain', 'a loopback name is never a page’s domain');
  if (isIP(domain.replace(/^\[|\]$/g, '')) !== 0) {
    throw new ValidationFailed('customDomain', 'a host name, not an address');
  }
  if (publicUrl && URL.canParse(publicUrl) && new URL(publicUrl).hostname === domain) {
    throw new ValidationFailed('customDomain', "this is the service's own domain, not a page's");
  }
}
