import type { PublicStatusPage } from '@mcpulse/db';
import { setDomainVerifiedAt } from '@mcpulse/db';
import type { FastifyBaseLogger } from 'fastify';
import { LruMap } from '../../../lru-map.js';
import type { StatusPageDeps } from '../status-page-deps.js';
import { checkChallenge, provedAt } from './domain-verification.js';

/** A proof older than this is checked again the next time its domain is visited. */
export const REVERIFY_AFTER_MS = 24 * 3_600_000;
/** When DNS could not say, the next try waits this long, however busy the domain. */
const RETRY_AFTER_MS = 3_600_000;
/** Pages whose last try this process remembers: one entry per domain being served. */
const REMEMBERED = 1_000;

export interface DomainReverifierOptions {
  deps: Pick<StatusPageDeps, 'db' | 'secretKey' | 'dnsServers'>;
  now: () => Date;
  /** Told when a page's stored proof changed, so the public cache drops the page. */
  changed: (pageId: string) => void;
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
}

/**
 * Keeps custom domains' proofs current while they are served: a domain whose proof is older than
 * a day is checked again in the background when visited, the visit answered meanwhile. A record
 * found renews the proof; one gone or changed clears it, and the domain stops serving the page
 * (an organisation that lost the domain, or never kept it, keeps nothing). Done here rather than
 * by the scheduler's leader: the API holds the deployment key and MCPULSE_DNS_SERVERS, and only a
 * domain that is being served needs its proof. A domain nobody visits is checked on its next visit.
 */
export class DomainReverifier {
  private readonly tried = new LruMap<string, number>(REMEMBERED);

  constructor(private readonly options: DomainReverifierOptions) {}

  /** Starts a check of `page`'s proof when it is due; never waits for it. */
  visited(page: PublicStatusPage): void {
    const { customDomain, customDomainVerifiedAt } = page;
    if (customDomain === null || customDomainVerifiedAt === null) return;
    const now = this.options.now().getTime();
    if (now - customDomainVerifiedAt.getTime() < REVERIFY_AFTER_MS) return;
    const last = this.tried.get(page.id);
    if (last !== undefined && now - last < RETRY_AFTER_MS) return;
    this.tried.set(page.id, now);
    this.recheck(page, customDomain, customDomainVerifiedAt).catch((error: unknown) =>
      this.options.log.warn({ err: error, pageId: page.id }, 'custom domain re-verification failed'),
    );
  }

  private async recheck(page: PublicStatusPage, domain: string, before: Date): Promise<void> {
    const { deps, log } = this.options;
    const lookup = await checkChallenge(deps, page.id, domain);
    const at = provedAt(lookup, this.options.now(), before);
    if (lookup.found === 'error') {
      log.warn({ pageId: page.id, code: lookup.code }, 'custom domain re-verification: DNS did not answer');
    }
    if (at === before) return;
    await setDomainVerifiedAt(deps.db, page.organizationId, page.id, domain, at);
    if (at === null) log.info({ pageId: page.id }, 'custom domain no longer proved: its record is gone');
    this.options.changed(page.id);
  }
}
