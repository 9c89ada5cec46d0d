import { createHmac } from 'node:crypto';

/** The label under a page's domain where its owner puts the record that proves control of it. */
export const CHALLENGE_LABEL = '_mcpulse-challenge';
const VALUE_PREFIX = 'mcpulse-verification=';

/** The TXT record an owner creates to prove a page's domain is theirs: where, and what it says. */
export interface DomainChallenge {
  record: string;
  value: string;
}

/**
 * The challenge of one page on one domain. Its token is an HMAC of both under the deployment key
 * (MCPULSE_SECRET_KEY): nothing is stored, another page (another organisation's above all) has
 * another token for the same domain, and a new domain or page means a new record.
 */
export function domainChallenge(key: Buffer, pageId: string, domain: string): DomainChallenge {
  const token = createHmac('sha256', key)
    .update(`status-page-domain:${pageId}:${domain}`)
    .digest('base64url');
  return { record: `${CHALLENGE_LABEL}.${domain}`, value: `${VALUE_PREFIX}${token}` };
}
