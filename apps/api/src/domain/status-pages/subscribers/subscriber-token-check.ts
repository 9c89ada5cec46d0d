import { Forbidden, isSubscriberToken, NotFound, type SubscriberTokenPurpose } from '@mcpulse/core';
import {
  type Executor,
  pageSubscriber,
  type SubscribedPage,
  type SubscriberView,
  statusPageBySlug,
  UNCONFIRMED_SUBSCRIBER_TTL_MS,
} from '@mcpulse/db';

/**
 * The subscriber `id` of the page at `slug`, when `token` is its token for `purpose`. A missing
 * page or subscriber (an unconfirmed one past its day included) is 404; a wrong token 403.
 */
export async function subscriberWithToken(
  db: Pick<Executor, 'select'>,
  secretKey: Buffer,
  request: { slug: string; id: string; token: string; purpose: SubscriberTokenPurpose },
  now: Date,
): Promise<{ page: SubscribedPage; subscriber: SubscriberView }> {
  const page = await statusPageBySlug(db, request.slug);
  if (!page) throw new NotFound('status page');
  const subscriber = await pageSubscriber(db, page.id, request.id);
  const expired =
    subscriber?.confirmedAt === null &&
    now.getTime() - subscriber.createdAt.getTime() > UNCONFIRMED_SUBSCRIBER_TTL_MS;
  if (!subscriber || expired) throw new NotFound('subscriber');
  if (!isSubscriberToken(secretKey, request.purpose, request.id, request.token)) {
    throw new Forbidden(`the token is not this subscriber's ${request.purpose} token`);
  }
  return { page, subscriber };
}
