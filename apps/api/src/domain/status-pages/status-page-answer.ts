import type { StatusPageRecord } from '@mcpulse/db';
import type { StatusPageDeps } from './status-page-deps.js';

/** Where the public page is: under MCPULSE_PUBLIC_URL, or a path of this server when it is unset. */
export function statusPageUrl(publicUrl: string | undefined, slug: string): string {
  return `${publicUrl ?? ''}/status/${slug}`;
}

/** A page as its owner reads it: the stored page, its public URL and whether its domain is answered. */
export function statusPageAnswer(
  deps: Pick<StatusPageDeps, 'publicUrl' | 'allowedHosts'>,
  page: StatusPageRecord,
) {
  const domain = page.customDomain;
  return {
    ...page,
    domainAllowed: domain !== null && (deps.allowedHosts ?? []).some((host) => host.hostname === domain),
    url: statusPageUrl(deps.publicUrl, page.slug),
  };
}

export type StatusPageAnswer = ReturnType<typeof statusPageAnswer>;
