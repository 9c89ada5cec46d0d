import type { Monitor } from '@mcpulse/contract';
import { OAUTH_CLIENT_REGISTRATION_LABELS } from '@mcpulse/core/domain';
import { useState } from 'react';
import { connectMonitor, getConnection } from '../../api/oauth-api.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { OAuthConnectButton } from '../../components/oauth-connect-button.js';
import { useRouter } from '../../lib/router.js';
import { useResource } from '../../lib/use-resource.js';

/**
 * A monitor's OAuth connection: "Connected (OAuth)" with the authorization server and client, or,
 * once a check found the refresh token refused, that consent was revoked and a "Reconnect" button.
 */
export function OAuthConnectionSummary({ monitor, reload }: { monitor: Monitor; reload(): void }) {
  const [error, setError] = useState<unknown>();
  const connection = monitor.oauthConnection;
  if (!connection) return null;
  return (
    <section className="oauth-connection" data-testid="oauth-connection" aria-label="OAuth connection">
      {connection.consentRevoked ? (
        <p className="banner banner-error" role="alert">
          <strong>Consent revoked. </strong>
          The authorization server refused the monitor's refresh token: the sign-in was revoked or expired.
          Reconnect to sign in again.
        </p>
      ) : null}
      <p>
        <span className="tag">Connected (OAuth)</span> {connection.issuer} · client{' '}
        <code>{connection.clientId}</code> ({OAUTH_CLIENT_REGISTRATION_LABELS[connection.registration]})
        {connection.scope ? (
          <>
            {' '}
            · scope <code>{connection.scope}</code>
          </>
        ) : null}
      </p>
      <OAuthConnectButton
        label="Reconnect"
        start={() => connectMonitor(monitor.id, {})}
        onDone={() => reload()}
        onError={setError}
      />
      <ErrorBanner error={error} title="Could not reconnect." />
    </section>
  );
}

/** What became of the sign-in the browser just came back from (`?oauth=<connection id>`). */
export function OAuthOutcome() {
  const { search } = useRouter();
  const id = new URLSearchParams(search).get('oauth');
  const outcome = useResource(
    (signal) => (id ? getConnection(id, signal) : Promise.resolve(null)),
    `oauth-outcome:${id ?? ''}`,
  );
  const state = outcome.data;
  if (!state) return null;
  if (state.status === 'connected') {
    return (
      <p className="banner banner-info" role="status">
        Connected with OAuth: the checks now get their tokens with this sign-in.
      </p>
    );
  }
  if (state.status === 'failed')
    return (
      <p className="banner banner-error" role="alert">
        <strong>The OAuth sign-in failed. </strong>
        {state.failure}
      </p>
    );
  return null;
}
