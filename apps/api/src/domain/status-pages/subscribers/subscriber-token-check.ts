import { Forbidden, isSubscriberToken, NotFound, type SubscriberTokenPurpose } from '@mcpulse/core';
import {
  type Executor,
  type SubscribedPage,
  type SubscriberView,
  subscriberAndPage,
  UNCONFIRMED_SUBSCRIBER_TTL_MS,
} from '@mcpulse/db';

/**
 * The subscriber `id`, when `token` is its token for `purpose`. It is found by its id alone: the
 * `slug` of the link it was sent is the page's as it was then, and a renamed page must not strand
 * its subscribers' links. A missing subscriber (an unconfirmed one past its day included) is 404;
 * a wrong token 403.
 */
export async function subscriberWithToken(
  db: Pick<Executor, 'select'>,
  secretKey: Buffer,
  request: { slug: string; id: string; token: string; purpose: SubscriberTokenPurpose },
  now: Date,
): Promise<{ page: SubscribedPage; subscriber: SubscriberView }> {
  const found = await subscriberAndPage(db, request.id);
  const expired =
    found?.subscriber.confirmedAt === null &&
    now.getTime() - found.subscriber.createdAt.getTime() > UNCONFIRMED_SUBSCRIBER_TTL_MS;
  if (!found || expired) throw new NotFound('subscriber');
  const { page, subscriber } = found;
  if (!isSubscriberToken(secretKey, request.purpose, request.id, request.token)) {
    throw new Forbidden(`the token is not this subscriber's ${request.purpose} token`);
  }
  return { page, subscriber };
}
