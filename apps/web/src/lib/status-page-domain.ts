import type { StatusPage } from '@mcpulse/contract';

/**
 * What stands between a page's custom domain and the page being served there: the owner's proof
 * (a DNS record) and the operator's allow-list. Both are needed; either may come first.
 */
export interface DomainState {
  domain: string;
  verified: boolean;
  allowed: boolean;
  served: boolean;
}

export function domainStateOf(
  page: Pick<StatusPage, 'customDomain' | 'domainAllowed' | 'domainVerification'>,
): DomainState | null {
  if (page.customDomain === null) return null;
  const verified = Boolean(page.domainVerification?.verifiedAt);
  return {
    domain: page.customDomain,
    verified,
    allowed: page.domainAllowed,
    served: verified && page.domainAllowed,
  };
}
