import type { WebhookDelivery } from '@mcpulse/contract';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { getDelivery, getWebhook, listDeliveries, redeliver, sendTestEvent } from '../../api/webhooks-api.js';
import { ClippedText } from '../../components/clipped-text.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { JsonView } from '../../components/json-view.js';
import type { JsonPrintOptions } from '../../lib/bounded-json.js';
import { formatAgo, formatDateTime, formatMs } from '../../lib/format.js';
import { RENDER_LIMITS } from '../../lib/render-limits.js';
import { Link } from '../../lib/router.js';
import { useNow, useResource } from '../../lib/use-resource.js';

const STATUS_LOOK: Record<WebhookDelivery['status'], { tone: string; symbol: string; label: string }> = {
  succeeded: { tone: 'good', symbol: '●', label: 'Delivered' },
  pending: { tone: 'muted', symbol: '○', label: 'Pending' },
  failed: { tone: 'warn', symbol: '▲', label: 'Retrying' },
  abandoned: { tone: 'bad', symbol: '■', label: 'Gave up' },
};

const PAYLOAD_VIEW: JsonPrintOptions = {
  limits: { chars: RENDER_LIMITS.payloadChars, lines: RENDER_LIMITS.payloadLines },
};

/** The JSON body a delivery posts, loaded when asked for: it can be large. */
function DeliveryPayload({ webhookId, deliveryId }: { webhookId: string; deliveryId: string }) {
  const delivery = useResource(
    (signal) => getDelivery(webhookId, deliveryId, signal),
    `delivery:${webhookId}:${deliveryId}`,
  );
  if (delivery.error) return <ErrorBanner error={delivery.error} title="Could not load the payload." />;
  if (!delivery.data) return <p className="loading">Loading the payload…</p>;
  const { payload, format } = delivery.data;
  if (payload === null)
    return (
      <p className="muted">
        This event does not match the published payload schema, so nothing was sent for it.
      </p>
    );
  return (
    <div className="delivery-payload">
      <p className="muted">
        The JSON body posted, in the endpoint's <strong>{format}</strong> format (each attempt renders it
        anew, so after a format change the next attempt sends the new one).
      </p>
      <JsonView value={payload} options={PAYLOAD_VIEW} label="Webhook payload" />
    </div>
  );
}

function DeliveryMonitor({ delivery }: { delivery: WebhookDelivery }) {
  if (delivery.monitor)
    return (
      <Link to={`/monitors/${delivery.monitor.id}`} className="delivery-monitor">
        <ClippedText text={delivery.monitor.name} max={RENDER_LIMITS.nameChars} />
      </Link>
    );
  return delivery.eventType === 'webhook.test' ? null : <span className="muted">monitor deleted</span>;
}

function DeliveryRow({
  webhookId,
  delivery,
  reload,
}: {
  webhookId: string;
  delivery: WebhookDelivery;
  reload(): void;
}) {
  const now = useNow();
  const [open, setOpen] = useState(false);
  const [payloadOpen, setPayloadOpen] = useState(false);
  const [error, setError] = useState<unknown>();
  const [queued, setQueued] = useState(false);
  const look = STATUS_LOOK[delivery.status] ?? STATUS_LOOK.pending;
  const last = delivery.attemptLog.at(-1);
  const again = async () => {
    setError(undefined);
    try {
      await redeliver(webhookId, delivery.id);
      setQueued(true);
      reload();
    } catch (reason) {
      setError(reason);
    }
  };
  return (
    <li className="card delivery" data-event-type={delivery.eventType} data-status={delivery.status}>
      <div className="delivery-head">
        <span className={`badge badge-${look.tone}`}>
          <span aria-hidden="true">{look.symbol} </span>
          {look.label}
        </span>
        <code>{delivery.eventType}</code>
        <DeliveryMonitor delivery={delivery} />
        <span className="muted">
          {formatAgo(delivery.createdAt, now)} · {delivery.attempts} attempt
          {delivery.attempts === 1 ? '' : 's'}
          {last?.statusCode ? ` · HTTP ${last.statusCode}` : ''}
          {delivery.nextAttemptAt && delivery.status !== 'succeeded'
            ? ` · next try ${formatDateTime(delivery.nextAttemptAt)}`
            : ''}
        </span>
        <span className="delivery-actions">
          <button
            type="button"
            className="button button-quiet"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {open ? 'Hide attempts' : 'Attempts'}
          </button>
          <button
            type="button"
            className="button button-quiet"
            aria-expanded={payloadOpen}
            onClick={() => setPayloadOpen(!payloadOpen)}
          >
            {payloadOpen ? 'Hide payload' : 'Payload'}
          </button>
          <button type="button" className="button" onClick={() => void again()}>
            {queued ? 'Redelivery queued' : 'Redeliver'}
          </button>
        </span>
      </div>
      <ErrorBanner error={error} />
      {payloadOpen ? <DeliveryPayload webhookId={webhookId} deliveryId={delivery.id} /> : null}
      {open ? (
        <div>
          <p className="muted">
            Message id <code>{delivery.messageId}</code> (the <code>webhook-id</code> header; the same on
            every retry)
          </p>
          {delivery.attemptLog.length === 0 ? (
            <p className="muted">No attempt yet.</p>
          ) : (
            <table className="table compact">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">When</th>
                  <th scope="col">Answer</th>
                  <th scope="col" className="numeric">
                    Time
                  </th>
                  <th scope="col">Response or error</th>
                </tr>
              </thead>
              <tbody>
                {delivery.attemptLog.map((attempt) => (
                  <tr key={attempt.attempt}>
                    <td>
                      {attempt.attempt}
                      {attempt.manual ? ' (manual)' : ''}
                    </td>
                    <td>{formatDateTime(attempt.attemptedAt)}</td>
                    <td>{attempt.statusCode ? `HTTP ${attempt.statusCode}` : 'no answer'}</td>
                    <td className="numeric">{formatMs(attempt.latencyMs)}</td>
                    <td>
                      <code className="response-body">{attempt.error ?? attempt.responseBody ?? ''}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ) : null}
    </li>
  );
}

export function WebhookDeliveriesPage({ webhookId }: { webhookId: string }) {
  const endpoint = useResource((signal) => getWebhook(webhookId, signal), `webhook:${webhookId}`);
  const deliveries = useResource(
    (signal) => listDeliveries(webhookId, { limit: 50 }, signal),
    `deliveries:${webhookId}`,
    5_000,
  );
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string | null>(null);
  const items = deliveries.data?.items ?? [];

  const test = async () => {
    setError(undefined);
    try {
      await sendTestEvent(webhookId);
      setNotice('Test event sent.');
      deliveries.reload();
    } catch (reason) {
      setError(reason);
    }
  };

  if (endpoint.error instanceof ApiError && endpoint.error.status === 404) {
    return (
      <>
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link to="/webhooks">Webhooks</Link>
        </nav>
        <EmptyState title="This endpoint does not exist">
          <p>It may have been deleted.</p>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/webhooks">Webhooks</Link>
      </nav>
      <div className="page-head">
        <div>
          <h1>Delivery log</h1>
          <p className="page-sub monitor-url">{endpoint.data?.url ?? ''}</p>
        </div>
        <button type="button" className="button button-primary" onClick={() => void test()}>
          Send test event
        </button>
      </div>
      <ErrorBanner error={error ?? deliveries.error} />
      {notice ? (
        <p className="banner banner-info" role="status">
          {notice}
        </p>
      ) : null}
      {deliveries.data && items.length === 0 ? (
        <EmptyState title="No deliveries yet">
          <p>
            Send a test event to check that your receiver answers 2xx, or wait for a monitor to change state.
          </p>
        </EmptyState>
      ) : (
        <ol className="card-list" aria-live="polite">
          {items.map((delivery) => (
            <DeliveryRow
              key={delivery.id}
              webhookId={webhookId}
              delivery={delivery}
              reload={deliveries.reload}
            />
          ))}
        </ol>
      )}
    </>
  );
}
