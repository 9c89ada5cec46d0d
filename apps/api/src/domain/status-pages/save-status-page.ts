import { NotFound, QuotaExceeded, ValidationFailed } from '@mcpulse/core';
import { STATUS_PAGE_LIMITS } from '@mcpulse/core/domain';
import {
  countStatusPages,
  type Executor,
  insertStatusPage,
  inTransaction,
  organizationById,
  ownedMonitorIds,
  ownedStatusPage,
  replaceStatusPage,
  type StatusPageContent,
  takenPageNames,
} from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import { checkPageDomain } from './domains/page-domain-rules.js';
import { type StatusPageAnswer, statusPageAnswer } from './status-page-answer.js';
import type { StatusPageDeps } from './status-page-deps.js';

type Caller = Pick<Principal, 'organizationId'>;

/**
 * What the request body's schema cannot see: every monitor is the caller's, none is shown twice,
 * all groups together stay within the bound, and the slug and domain are free (loopback names,
 * addresses and the service's own host are never a page's domain).
 */
async function checkContent(
  deps: Pick<StatusPageDeps, 'publicUrl'>,
  tx: Executor,
  organizationId: string,
  content: StatusPageContent,
  pageId: string | null,
) {
  if (content.customDomain !== null) checkPageDomain(content.customDomain, deps.publicUrl);
  const shown = content.groups.flatMap((group, g) =>
    group.monitors.map((monitor, m) => ({
      id: monitor.monitorId,
      field: `groups.${g}.monitors.${m}.monitorId`,
    })),
  );
  if (shown.length > STATUS_PAGE_LIMITS.monitors) {
    throw new ValidationFailed('groups', `a page shows at most ${STATUS_PAGE_LIMITS.monitors} monitors`);
  }
  const seen = new Set<string>();
  for (const { id, field } of shown) {
    if (seen.has(id)) throw new ValidationFailed(field, 'this monitor is already on the page');
    seen.add(id);
  }
  const owned = new Set(await ownedMonitorIds(tx, organizationId, [...seen]));
  const missing = shown.find(({ id }) => !owned.has(id));
  if (missing) throw new ValidationFailed(missing.field, 'no monitor of this organisation has this id');
  const taken = await takenPageNames(tx, content, pageId);
  if (taken.slug) throw new ValidationFailed('slug', 'another status page already uses this slug');
  if (taken.customDomain) {
    throw new ValidationFailed('customDomain', 'another status page already uses this domain');
  }
}

/** Unique indexes settle a race between two saves with the same slug or domain; name the field. */
function renamedConflict(error: unknown): never {
  // The database's error carries the constraint; drizzle wraps it (as `cause`).
  let constraint: string | undefined;
  for (let at = error as { constraint?: unknown; cause?: unknown } | undefined; at && !constraint; ) {
    if (typeof at.constraint === 'string') constraint = at.constraint;
    at = at.cause as typeof at;
  }
  if (constraint === 'status_pages_slug_unique') {
    throw new ValidationFailed('slug', 'another status page already uses this slug');
  }
  if (constraint === 'status_pages_domain_unique') {
    throw new ValidationFailed('customDomain', 'another status page already uses this domain');
  }
  throw error;
}

export async function createStatusPage(
  deps: StatusPageDeps,
  principal: Caller,
  content: StatusPageContent,
  now: Date,
): Promise<StatusPageAnswer> {
  const { organizationId } = principal;
  const id = await inTransaction(deps.db, async (tx) => {
    // Two pages created at once must not both pass the count: the organisation's row serialises them.
    await organizationById(tx, organizationId, { forUpdate: true });
    const pages = await countStatusPages(tx, organizationId);
    if (pages >= STATUS_PAGE_LIMITS.pagesPerOrganization) {
      throw new QuotaExceeded(
        `an organisation has at most ${STATUS_PAGE_LIMITS.pagesPerOrganization} status pages`,
        STATUS_PAGE_LIMITS.pagesPerOrganization,
      );
    }
    await checkContent(deps, tx, organizationId, content, null);
    return insertStatusPage(tx, organizationId, content, now);
  }).catch(renamedConflict);
  const page = await ownedStatusPage(deps.db, organizationId, id);
  if (!page) throw new Error('the status page just stored is missing');
  return statusPageAnswer(deps, page);
}

/** Replaces a page whole (PUT): fields, groups and monitors. */
export async function replaceOwnedStatusPage(
  deps: StatusPageDeps,
  principal: Caller,
  pageId: string,
  content: StatusPageContent,
  now: Date,
): Promise<StatusPageAnswer> {
  const { organizationId } = principal;
  await inTransaction(deps.db, async (tx) => {
    await checkContent(deps, tx, organizationId, content, pageId);
    if (!(await replaceStatusPage(tx, organizationId, pageId, content, now)))
      throw new NotFound('status page');
  }).catch(renamedConflict);
  const page = await ownedStatusPage(deps.db, organizationId, pageId);
  if (!page) throw new NotFound('status page');
  return statusPageAnswer(deps, page);
}
