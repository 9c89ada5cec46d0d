import type { ApiKeyScope } from '@mcpulse/core/domain';
import { type FormEvent, useState } from 'react';
import { createApiKey, listApiKeys, revokeApiKey } from '../../api/account-api.js';
import { ApiError } from '../../api/client.js';
import { ConfirmButton } from '../../components/confirm-button.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Field, TextField } from '../../components/field.js';
import { SecretOnce } from '../../components/secret-once.js';
import { humanize } from '../../lib/form-errors.js';
import { formatAgo, formatDateTime } from '../../lib/format.js';
import { useNow, useResource } from '../../lib/use-resource.js';

function CreateKeyForm({ onCreated }: { onCreated(name: string, secret: string): void }) {
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiKeyScope>('read');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const nameError =
    error instanceof ApiError && error.field === 'name' ? humanize(error.message, 'name') : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setError(
        new ApiError(
          400,
          'validation_failed',
          'Name the key after what uses it, e.g. "CI deploy gate"',
          'name',
        ),
      );
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const created = await createApiKey({ name: name.trim(), scope });
      onCreated(created.apiKey.name, created.secret);
      setName('');
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form inline-form" onSubmit={(event) => void submit(event)} noValidate>
      {error && !nameError ? <ErrorBanner error={error} /> : null}
      <TextField
        id="key-name"
        label="Name"
        value={name}
        onValue={setName}
        error={nameError}
        placeholder="CI deploy gate"
      />
      <Field
        id="key-scope"
        label="Scope"
        hint="Read keys can only read; write keys can add, change and delete monitors."
      >
        {(describedBy) => (
          <select
            id="key-scope"
            value={scope}
            onChange={(event) => setScope(event.target.value as ApiKeyScope)}
            aria-describedby={describedBy}
          >
            <option value="read">read</option>
            <option value="write">write</option>
          </select>
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create key'}
        </button>
      </div>
    </form>
  );
}

export function ApiKeysPage() {
  const now = useNow();
  const keys = useResource((signal) => listApiKeys(signal), 'api-keys', 30_000);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [error, setError] = useState<unknown>();
  const list = keys.data?.apiKeys ?? [];

  return (
    <>
      <div className="page-head">
        <div>
          <h1>API keys</h1>
          <p className="page-sub">
            Keys let scripts and CI use the mcpulse HTTP API: list monitors, read uptime and incidents, add or
            pause monitors. The dashboard needs no key.
          </p>
        </div>
      </div>
      <section className="card" aria-labelledby="use-key-title">
        <h2 id="use-key-title">Using a key</h2>
        <p>
          Send it in the <code>Authorization</code> header of every request, as{' '}
          <code>Authorization: Bearer mcpk_…</code>. For example, to list your monitors:
        </p>
        <pre className="code-block" data-testid="curl-example">
          <code>{`curl -H "Authorization: Bearer mcpk_…" ${window.location.origin}/api/v1/monitors`}</code>
        </pre>
        <p className="muted">
          Every endpoint, its parameters and its answers are described in the API reference at{' '}
          <a href="/docs">/docs</a>. A read key can only read; a write key can also change monitors and
          webhooks.
        </p>
      </section>
      {created ? (
        <SecretOnce
          label={`Your new key “${created.name}”`}
          secret={created.secret}
          ifLost="If you lose it, revoke it and create another."
          onDone={() => setCreated(null)}
        />
      ) : null}
      <section className="card" aria-labelledby="new-key-title">
        <h2 id="new-key-title">Create a key</h2>
        <CreateKeyForm
          onCreated={(name, secret) => {
            setCreated({ name, secret });
            keys.reload();
          }}
        />
      </section>
      <ErrorBanner error={error ?? keys.error} />
      {keys.data && list.length === 0 ? (
        <EmptyState title="No API keys yet">
          <p>Create one above to use the API from a script; the dashboard itself needs none.</p>
        </EmptyState>
      ) : (
        <table className="table api-key-table">
          <caption className="visually-hidden">Your organisation's API keys</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Scope</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((key) => (
              <tr key={key.id} className={key.revokedAt ? 'revoked' : undefined}>
                <td data-label="Name">{key.name}</td>
                <td data-label="Key">
                  <code>{key.prefix}…</code>
                </td>
                <td data-label="Scope">
                  <span className="tag">{key.scope}</span>
                </td>
                <td data-label="Created">{formatDateTime(key.createdAt)}</td>
                <td data-label="Last used">{formatAgo(key.lastUsedAt, now)}</td>
                <td data-label="Status">
                  {key.revokedAt ? (
                    <span className="badge badge-muted">Revoked {formatAgo(key.revokedAt, now)}</span>
                  ) : (
                    <ConfirmButton
                      label="Revoke"
                      title={`Revoke “${key.name}”?`}
                      confirmLabel="Revoke key"
                      onConfirm={async () => {
                        setError(undefined);
                        try {
                          await revokeApiKey(key.id);
                          keys.reload();
                        } catch (reason) {
                          setError(reason);
                        }
                      }}
                    >
                      <p>Anything that uses this key stops working at once. This cannot be undone.</p>
                    </ConfirmButton>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
