import { randomUUID } from 'node:crypto';
import {
  Conflict,
  maskedWebhookUrl,
  NotFound,
  newWebhookSecret,
  QuotaExceeded,
  sealWebhookSecret,
  sealWebhookUrl,
} from '@mcpulse/core';
import { STATUS_PAGE_LIMITS } from '@mcpulse/core/domain';
import {
  confirmationKey,
  countOrganizationSubscribers,
  countPageSubscribers,
  dropLapsedSubscribers,
  type Executor,
  insertTestDelivery,
  insertWebhookEndpoint,
  inTransaction,
  organizationById,
  type SubscribedPage,
  statusPageBySlug,
} from '@mcpulse/db';
import { enqueueAttempts, newWebhookMessageId } from '@mcpulse/engine';
import { queueAfterCommit } from '../../webhooks/queue-after-commit.js';
import { queueOf } from '../../webhooks/queue-of.js';
import type { WebhookDeps } from '../../webhooks/webhook-deps.js';
import { checkWebhookUrl } from '../../webhooks/webhook-settings.js';

export interface Subscription {
  id: string;
  /** Signs everything sent to the URL; returned here only, sealed at rest under the subscriber's id. */
  secret: string;
  status: 'pending';
}

/**
 * Pending and confirmed subscribers stay under the page's bound and the organisation's. Counted
 * under the organisation's row lock, which serialises subscriptions to any of its pages, after
 * dropping the organisation's lapsed subscribers, so concurrent subscriptions cannot overshoot and
 * abandoned ones do not hold places.
 */
async function assertRoom(tx: Executor, page: SubscribedPage, now: Date): Promise<void> {
  await dropLapsedSubscribers(tx, now, page.organizationId);
  if ((await countPageSubscribers(tx, page.id)) >= STATUS_PAGE_LIMITS.subscribersPerPage) {
    throw new QuotaExceeded(
      `a status page may have ${STATUS_PAGE_LIMITS.subscribersPerPage} subscribers; this one is full`,
      STATUS_PAGE_LIMITS.subscribersPerPage,
    );
  }
  const { subscribersPerOrganization } = STATUS_PAGE_LIMITS;
  if ((await countOrganizationSubscribers(tx, page.organizationId)) >= subscribersPerOrganization) {
    throw new QuotaExceeded(
      `the status pages of one organisation may have ${subscribersPerOrganization} subscribers together; this one's are full`,
      subscribersPerOrganization,
    );
  }
}

/**
 * The page published at `slug`, with its organisation's row and then its own locked until the
 * transaction ends (organisation first: a page is found by its slug before its organisation is known).
 */
async function lockedPage(tx: Executor, slug: string): Promise<SubscribedPage> {
  const found = await statusPageBySlug(tx, slug);
  if (found) await organizationById(tx, found.organizationId, { forUpdate: true });
  const page = found && (await statusPageBySlug(tx, slug, { forUpdate: true }));
  if (!page || page.organizationId !== found?.organizationId) throw new NotFound('status page');
  return page;
}

/**
 * Subscribes a URL to the page published at `slug`, double opt-in: the subscriber is a webhook
 * endpoint of the page's organisation tied to the page, and it receives nothing but one
 * confirmation message (a `webhook.test` event of its own, which fan-out never matches, rendered
 * as `subscription.confirm`) until the token in it comes back.
 */
export async function subscribe(
  deps: WebhookDeps,
  slug: string,
  url: string,
  now: Date,
): Promise<Subscription> {
  // Anyone may subscribe: the hosted address rules hold whatever the deployment allows its users.
  checkWebhookUrl({ allowPrivateTargets: false, allowedTargetCidrs: deps.allowedTargetCidrs }, url);
  const id = randomUUID();
  const secret = newWebhookSecret();
  const { confirmation, organizationId } = await inTransaction(deps.db, async (tx) => {
    const page = await lockedPage(tx, slug);
    if (!page.figures.includes('incidents')) {
      throw new Conflict('this status page does not show incidents, so it has nothing to send a subscriber');
    }
    await assertRoom(tx, page, now);
    await insertWebhookEndpoint(tx, {
      id,
      organizationId: page.organizationId,
      statusPageId: page.id,
      // A subscriber's URL may be its credential (a chat hook, a token in the query) and belongs to
      // the subscriber, not to the page's owner: sealed, and only its origin kept in view.
      url: maskedWebhookUrl(url),
      urlSealed: sealWebhookUrl(deps.secretKey, id, url),
      eventTypes: [],
      monitorIds: null,
      secretSealed: sealWebhookSecret(deps.secretKey, id, secret),
      createdAt: now,
    });
    const confirmation = await insertTestDelivery(tx, {
      organizationId: page.organizationId,
      endpointId: id,
      dedupeKey: confirmationKey(id),
      payload: {},
      messageId: newWebhookMessageId(),
      now,
    });
    return { confirmation, organizationId: page.organizationId };
  });
  // The secret is shown only in this answer: a queue failure must not lose it. The confirmation is a
  // subscriber's delivery: it takes the subscribers' queue and its organisation's share.
  await queueAfterCommit(deps.logger, 'a subscription confirmation', () =>
    enqueueAttempts(
      queueOf(deps),
      [{ deliveryId: confirmation.id, attempt: 1, due: now, subscriberOf: organizationId }],
      now,
    ),
  );
  return { id, secret, status: 'pending' };
}
