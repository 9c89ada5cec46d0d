import type { StatusPage, StatusPageSubscriber } from '@mcpulse/contract';
import { useState } from 'react';
import { listPageSubscribers, removePageSubscriber } from '../../api/status-pages-api.js';
import { ConfirmButton } from '../../components/confirm-button.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { formatDateTime } from '../../lib/format.js';
import { shownOrigin, subscriberTally, subscriberWords } from '../../lib/subscriber-words.js';
import { useResource } from '../../lib/use-resource.js';

/** A subscriber confirms whenever its receiver answers: the list keeps up while the editor is open. */
const REFRESH_MS = 30_000;

/** The table's headers; each cell repeats its own as `data-label`, which a phone shows on a row's card. */
const COLUMNS = ['URL', 'Status', 'Subscribed', 'Confirmed'] as const;

function When({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatDateTime(iso)}</time>;
}

function SubscriberRow({
  page,
  subscriber,
  onRemove,
}: {
  page: StatusPage;
  subscriber: StatusPageSubscriber;
  onRemove(): Promise<void>;
}) {
  const words = subscriberWords(subscriber);
  return (
    <tr data-subscriber={subscriber.id}>
      <td data-label="URL">
        <code className="subscriber-url">{subscriber.url}</code>
      </td>
      <td data-label="Status">
        <span className={`badge ${words.badge}`}>{words.status}</span>
        {words.disabled ? (
          <p className="subscriber-disabled">
            <span aria-hidden="true">❚❚ </span>
            {words.disabled}
          </p>
        ) : null}
      </td>
      <td data-label="Subscribed">
        <When iso={subscriber.createdAt} />
      </td>
      <td data-label="Confirmed">
        {subscriber.confirmedAt ? (
          <When iso={subscriber.confirmedAt} />
        ) : (
          <span className="muted">Not yet</span>
        )}
      </td>
      <td data-label="Actions">
        <ConfirmButton
          label={
            <>
              Remove
              <span className="visually-hidden">
                {' '}
                {shownOrigin(subscriber.url)}, subscribed {formatDateTime(subscriber.createdAt)}
              </span>
            </>
          }
          className="button button-quiet"
          title="Remove this subscriber?"
          confirmLabel="Remove subscriber"
          onConfirm={onRemove}
        >
          <p>
            <code className="subscriber-url">{subscriber.url}</code> receives nothing more from {page.title},
            and its delivery log is deleted. Nothing tells it so; anyone may subscribe it again from the
            public page.
          </p>
        </ConfirmButton>
      </td>
    </tr>
  );
}

/**
 * The webhook subscribers of a saved page (docs/status-pages.md, "Subscribers"): where each stands
 * in the double opt-in, and a way to remove one, an abusive URL say. The owner sees only each URL's
 * origin; the rest is the subscriber's.
 */
export function SubscribersSection({ page }: { page: StatusPage }) {
  const subscribers = useResource(
    (signal) => listPageSubscribers(page.id, signal),
    `status-page-subscribers:${page.id}`,
    REFRESH_MS,
  );
  const [removeError, setRemoveError] = useState<unknown>();
  const list = subscribers.data?.subscribers ?? [];
  const remove = async (subscriber: StatusPageSubscriber) => {
    setRemoveError(undefined);
    try {
      await removePageSubscriber(page.id, subscriber.id);
    } catch (failure) {
      setRemoveError(failure);
    } finally {
      subscribers.reload();
    }
  };

  return (
    <section className="card subscribers-section" aria-labelledby="subscribers-title">
      <h2 id="subscribers-title">Subscribers</h2>
      <p className="muted">
        Visitors follow this page by webhook, as the foot of the{' '}
        <a href={page.url} target="_blank" rel="noopener noreferrer">
          public page<span className="visually-hidden"> (opens in a new tab)</span>
        </a>{' '}
        says. It is double opt-in: a new subscriber is <strong>pending</strong> until it sends back the token
        of the one message its URL was sent, and is dropped after 24 hours if it does not; once{' '}
        <strong>confirmed</strong> it receives the page's incidents, your updates and maintenance. One whose
        URL stops taking messages is dropped too.
      </p>
      {page.figures.includes('incidents') ? null : (
        <p className="banner banner-warn">
          This page does not show incidents, so it takes no new subscribers and sends the ones it has nothing.
          Choose “Incidents” under “What the page shows” to send to them again.
        </p>
      )}
      <ErrorBanner error={removeError} title="Could not remove the subscriber." />
      {!subscribers.data ? (
        subscribers.error ? (
          <ErrorBanner error={subscribers.error} title="Could not load the subscribers." />
        ) : (
          <p className="loading">Loading…</p>
        )
      ) : list.length === 0 ? (
        <p className="muted" data-testid="no-subscribers">
          No subscribers yet.
        </p>
      ) : (
        <>
          <p data-testid="subscriber-tally">{subscriberTally(list)}</p>
          <table className="table subscriber-table">
            <caption className="visually-hidden">Webhook subscribers of {page.title}, oldest first</caption>
            <thead>
              <tr>
                {COLUMNS.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((subscriber) => (
                <SubscriberRow
                  key={subscriber.id}
                  page={page}
                  subscriber={subscriber}
                  onRemove={() => remove(subscriber)}
                />
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
