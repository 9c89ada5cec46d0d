import { Conflict, DomainVerificationFailed, NotFound } from '@mcpulse/core';
import { ownedStatusPage, setDomainVerifiedAt } from '@mcpulse/db';
import type { Principal } from '../../../auth/principal.js';
import { type StatusPageAnswer, statusPageAnswer } from '../status-page-answer.js';
import type { StatusPageDeps } from '../status-page-deps.js';
import { domainChallenge } from './domain-challenge.js';
import { type ChallengeLookup, lookUpChallenge } from './domain-lookup.js';

type VerificationDeps = Pick<StatusPageDeps, 'db' | 'secretKey' | 'dnsServers'>;

/** Looks up the challenge record of `pageId` on `domain`. */
export function checkChallenge(
  deps: VerificationDeps,
  pageId: string,
  domain: string,
): Promise<ChallengeLookup> {
  const { record, value } = domainChallenge(deps.secretKey, pageId, domain);
  return lookUpChallenge(deps.dnsServers, record, value);
}

/**
 * What a lookup means for the stored proof: set (now) when the record is there, cleared when DNS
 * says it is gone or says something else, kept as it was when DNS could not say.
 */
export function provedAt(lookup: ChallengeLookup, now: Date, before: Date | null): Date | null {
  if (lookup.found === 'match') return now;
  if (lookup.found === 'error') return before;
  return null;
}

function failure(lookup: Exclude<ChallengeLookup, { found: 'match' }>, record: string) {
  switch (lookup.found) {
    case 'none':
      return new DomainVerificationFailed('dns_record_missing', `no TXT record was found at ${record}`);
    case 'other':
      return new DomainVerificationFailed(
        'dns_record_mismatch',
        `found ${lookup.records} TXT ${lookup.records === 1 ? 'record' : 'records'} at ${record}, none with this page's value`,
      );
    case 'error':
      return new DomainVerificationFailed(
        'dns_lookup_failed',
        `DNS did not answer for ${record} (${lookup.code}); the verification stands as it was, try again`,
      );
  }
}

/**
 * Checks the DNS record that proves the organisation controls its page's custom domain, and
 * stores the outcome (docs/status-pages.md, "Custom domains"). Answers the page when the record is
 * there; otherwise throws what was found, after clearing a proof DNS now contradicts. `changed` is
 * told once the stored proof changed, either way, so the public cache follows at once.
 */
export async function verifyOwnedDomain(
  deps: StatusPageDeps,
  principal: Pick<Principal, 'organizationId'>,
  pageId: string,
  now: Date,
  changed: (pageId: string) => void,
): Promise<StatusPageAnswer> {
  const { organizationId } = principal;
  const page = await ownedStatusPage(deps.db, organizationId, pageId);
  if (!page) throw new NotFound('status page');
  const domain = page.customDomain;
  if (domain === null) throw new Conflict('the page has no custom domain to verify');
  const lookup = await checkChallenge(deps, page.id, domain);
  const at = provedAt(lookup, now, page.customDomainVerifiedAt);
  if (at !== page.customDomainVerifiedAt) {
    await setDomainVerifiedAt(deps.db, organizationId, page.id, domain, at);
    changed(page.id);
  }
  if (lookup.found !== 'match')
    throw failure(lookup, domainChallenge(deps.secretKey, page.id, domain).record);
  const stored = await ownedStatusPage(deps.db, organizationId, pageId);
  if (!stored) throw new NotFound('status page');
  return statusPageAnswer(deps, stored);
}
