import { NotFound } from '@mcpulse/core';
import { deleteStatusPage, listStatusPages, ownedStatusPage } from '@mcpulse/db';
import type { Principal } from '../../auth/principal.js';
import { type StatusPageAnswer, statusPageAnswer } from './status-page-answer.js';
import type { StatusPageDeps } from './status-page-deps.js';

type Caller = Pick<Principal, 'organizationId'>;

export async function listOwnedStatusPages(
  deps: StatusPageDeps,
  principal: Caller,
): Promise<{ pages: StatusPageAnswer[] }> {
  const pages = await listStatusPages(deps.db, principal.organizationId);
  return { pages: pages.map((page) => statusPageAnswer(deps, page)) };
}

export async function readOwnedStatusPage(
  deps: StatusPageDeps,
  principal: Caller,
  pageId: string,
): Promise<StatusPageAnswer> {
  const page = await ownedStatusPage(deps.db, principal.organizationId, pageId);
  if (!page) throw new NotFound('status page');
  return statusPageAnswer(deps, page);
}

/** Deletes a page; its groups and its subscribers go with it. */
export async function deleteOwnedStatusPage(deps: StatusPageDeps, principal: Caller, pageId: string) {
  if (!(await deleteStatusPage(deps.db, principal.organizationId, pageId))) throw new NotFound('status page');
}
