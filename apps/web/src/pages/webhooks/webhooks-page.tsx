import type { WebhookEndpoint } from '@mcpulse/contract';
import { useState } from 'react';
import {
  createWebhook,
  deleteWebhook,
  listWebhooks,
  rotateWebhookSecret,
  sendTestEvent,
  updateWebhook,
} from '../../api/webhooks-api.js';
import { ConfirmButton } from '../../components/confirm-button.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { SecretOnce } from '../../components/secret-once.js';
import { formatAgo } from '../../lib/format.js';
import { Link } from '../../lib/router.js';
import { useNow, useResource } from '../../lib/use-resource.js';
import { DISABLED_WORDS } from '../../lib/webhook-words.js';
import { WebhookForm } from './webhook-form.js';

function EndpointCard({ endpoint, reload }: { endpoint: WebhookEndpoint; reload(): void }) {
  const now = useNow();
  const [editing, setEditing] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const act = async (action: () => Promise<unknown>, done?: string) => {
    setError(undefined);
    setNotice(null);
    try {
      await action();
      if (done) setNotice(done);
      reload();
    } catch (reason) {
      setError(reason);
    }
  };
  return (
    <li className="card webhook-card" data-webhook={endpoint.url}>
      <div className="webhook-card-head">
        <div>
          <h2 className="webhook-url">
            <Link to={`/webhooks/${endpoint.id}`}>{endpoint.url}</Link>
          </h2>
          {endpoint.description ? <p className="muted">{endpoint.description}</p> : null}
        </div>
        {endpoint.enabled ? (
          endpoint.failingSince ? (
            <span className="badge badge-warn">
              <span aria-hidden="true">▲ </span>Failing for{' '}
              {formatAgo(endpoint.failingSince, now).replace(' ago', '')}
            </span>
          ) : (
            <span className="badge badge-good">
              <span aria-hidden="true">● </span>Enabled
            </span>
          )
        ) : (
          <span className="badge badge-muted">
            <span aria-hidden="true">❚❚ </span>Disabled
          </span>
        )}
      </div>
      {!endpoint.enabled && endpoint.disabledReason ? (
        <p className="banner banner-warn">
          Disabled: {DISABLED_WORDS[endpoint.disabledReason] ?? endpoint.disabledReason}. Enable it to send
          events again.
        </p>
      ) : null}
      <p className="webhook-filters">
        <span className="tag">{endpoint.format}</span>
        {endpoint.eventTypes.length === 0 ? (
          <span className="tag">all events</span>
        ) : (
          endpoint.eventTypes.map((type) => (
            <span key={type} className="tag">
              {type}
            </span>
          ))
        )}
        <span className="tag">
          {endpoint.monitorIds === null
            ? 'all monitors'
            : `${endpoint.monitorIds.length} monitor${endpoint.monitorIds.length === 1 ? '' : 's'}`}
        </span>
      </p>
      <ErrorBanner error={error} />
      {notice ? (
        <p className="banner banner-info" role="status">
          {notice}
        </p>
      ) : null}
      {secret ? (
        <SecretOnce
          label="New signing secret"
          secret={secret}
          ifLost="If you lose it, rotate it again."
          onDone={() => setSecret(null)}
        />
      ) : null}
      <div className="actions">
        <Link to={`/webhooks/${endpoint.id}`} className="button">
          Delivery log
        </Link>
        <button
          type="button"
          className="button"
          onClick={() =>
            void act(
              () => sendTestEvent(endpoint.id),
              'Test event queued: it shows in the delivery log within seconds.',
            )
          }
        >
          Send test event
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void act(() => updateWebhook(endpoint.id, { enabled: !endpoint.enabled }))}
        >
          {endpoint.enabled ? 'Disable' : 'Enable'}
        </button>
        <button type="button" className="button" onClick={() => setEditing(!editing)} aria-expanded={editing}>
          Edit
        </button>
        <ConfirmButton
          label="Rotate secret"
          className="button"
          title="Rotate the signing secret?"
          confirmLabel="Rotate"
          onConfirm={() => act(async () => setSecret((await rotateWebhookSecret(endpoint.id)).secret))}
        >
          <p>
            A new secret signs every delivery from now on; the old one keeps working for a while so your
            receiver can switch.
          </p>
        </ConfirmButton>
        <ConfirmButton
          label="Delete"
          title="Delete this endpoint?"
          confirmLabel="Delete endpoint"
          onConfirm={() => act(() => deleteWebhook(endpoint.id))}
        >
          <p>
            Events stop going to <code>{endpoint.url}</code> and its delivery log is deleted.
          </p>
        </ConfirmButton>
      </div>
      {editing ? (
        <WebhookForm
          initial={endpoint}
          submitLabel="Save changes"
          onCancel={() => setEditing(false)}
          onSubmit={async (input) => {
            await updateWebhook(endpoint.id, input);
            setEditing(false);
            reload();
          }}
        />
      ) : null}
    </li>
  );
}

export function WebhooksPage() {
  const webhooks = useResource((signal) => listWebhooks(signal), 'webhooks', 10_000);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const endpoints = webhooks.data?.webhooks ?? [];

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Webhooks</h1>
          <p className="page-sub">
            Send monitor status changes and tool changes to your own systems, Slack or Discord.
          </p>
        </div>
        {!adding ? (
          <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
            Add endpoint
          </button>
        ) : null}
      </div>
      {webhooks.error && !webhooks.data ? (
        <ErrorBanner error={webhooks.error} title="Could not load webhooks." />
      ) : null}
      {created ? (
        <SecretOnce
          label={`Signing secret for ${created.url}`}
          secret={created.secret}
          ifLost="Your receiver verifies signatures with it; if you lose it, rotate it."
          onDone={() => setCreated(null)}
        />
      ) : null}
      {adding ? (
        <section className="card" aria-labelledby="new-webhook-title">
          <h2 id="new-webhook-title">New endpoint</h2>
          <WebhookForm
            submitLabel="Add endpoint"
            onCancel={() => setAdding(false)}
            onSubmit={async (input) => {
              const result = await createWebhook(input);
              setCreated({ url: result.webhook.url, secret: result.secret });
              setAdding(false);
              webhooks.reload();
            }}
          />
        </section>
      ) : null}
      {webhooks.data && endpoints.length === 0 && !adding ? (
        <EmptyState
          title="No webhook endpoints yet"
          action={
            <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
              Add endpoint
            </button>
          }
        >
          <p>
            Add a URL and mcpulse POSTs to it when a monitor goes down, recovers or slows down, and when a
            server's tools change. Every delivery is signed, retried for about a day, and logged here.
          </p>
        </EmptyState>
      ) : (
        <ul className="card-list">
          {endpoints.map((endpoint) => (
            <EndpointCard key={endpoint.id} endpoint={endpoint} reload={webhooks.reload} />
          ))}
        </ul>
      )}
    </>
  );
}
