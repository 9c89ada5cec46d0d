import type { StatusPageRecord } from '@mcpulse/db';
import { domainChallenge } from './domains/domain-challenge.js';
import type { StatusPageDeps } from './status-page-deps.js';

/** Where the public page is: under MCPULSE_PUBLIC_URL, or a path of this server when it is unset. */
export function statusPageUrl(publicUrl: string | undefined, slug: string): string {
  return `${publicUrl ?? ''}/status/${slug}`;
}

/**
 * A page as its owner reads it: the stored page, its public URL, whether its domain is on the
 * operator's allow-list, and the DNS record that proves the domain is the owner's, with when it
 * last did.
 */
export function statusPageAnswer(
  deps: Pick<StatusPageDeps, 'publicUrl' | 'allowedHosts' | 'secretKey'>,
  page: StatusPageRecord,
) {
  const { customDomainVerifiedAt, ...shown } = page;
  const domain = page.customDomain;
  return {
    ...shown,
    domainAllowed: domain !== null && (deps.allowedHosts ?? []).some((host) => host.hostname === domain),
    domainVerification:
      domain === null
        ? null
        : { ...domainChallenge(deps.secretKey, page.id, domain), verifiedAt: customDomainVerifiedAt },
    url: statusPageUrl(deps.publicUrl, page.slug),
  };
}

export type StatusPageAnswer = ReturnType<typeof statusPageAnswer>;
