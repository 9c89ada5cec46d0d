import { NotFound } from '@mcpulse/core';
import type { WebhookDisabledReason } from '@mcpulse/core/domain';
import {
  deletePageSubscriber,
  type Executor,
  ownedSubscribedPage,
  pageSubscribers,
  type SubscriberView,
} from '@mcpulse/db';
import type { Principal } from '../../../auth/principal.js';

export interface PageSubscriber extends Omit<SubscriberView, 'disabledReason'> {
  status: 'pending' | 'confirmed';
  disabledReason: WebhookDisabledReason | null;
}

async function ownedPageId(
  db: Pick<Executor, 'select'>,
  principal: Principal,
  pageId: string,
): Promise<string> {
  const page = await ownedSubscribedPage(db, principal.organizationId, pageId);
  if (!page) throw new NotFound('status page');
  return page.id;
}

/** The subscribers of one of the caller's pages, oldest first; another organisation's page is 404. */
export async function listPageSubscribers(
  db: Pick<Executor, 'select'>,
  principal: Principal,
  pageId: string,
): Promise<PageSubscriber[]> {
  const rows = await pageSubscribers(db, await ownedPageId(db, principal, pageId));
  return rows.map((row) => ({
    ...row,
    status: row.confirmedAt ? 'confirmed' : 'pending',
    disabledReason: row.disabledReason as WebhookDisabledReason | null,
  }));
}

/** Removes a subscriber of one of the caller's pages, as its owner may (an abusive URL, say). */
export async function removePageSubscriber(
  db: Pick<Executor, 'select' | 'delete'>,
  principal: Principal,
  pageId: string,
  subscriberId: string,
): Promise<void> {
  const removed = await deletePageSubscriber(db, await ownedPageId(db, principal, pageId), subscriberId);
  if (!removed) throw new NotFound('subscriber');
}
