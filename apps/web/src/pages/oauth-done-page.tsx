import { getConnection } from '../api/oauth-api.js';
import { ErrorBanner } from '../components/error-banner.js';
import { useRouter } from '../lib/router.js';
import { useResource } from '../lib/use-resource.js';

/**
 * Where the browser lands after signing in for a form not saved yet (or after a redirect that
 * matched no sign-in): it says how it went; the form, in the other tab, has the connection.
 */
export function OAuthDonePage() {
  const { search } = useRouter();
  const params = new URLSearchParams(search);
  const id = params.get('connection');
  const outcome = useResource(
    (signal) => (id ? getConnection(id, signal) : Promise.resolve(null)),
    `oauth-done:${id ?? ''}`,
  );
  if (!id)
    return (
      <>
        <h1>OAuth sign-in</h1>
        <p className="banner banner-error" role="alert">
          This redirect matches no sign-in under way in this browser session: it expired, was already used, or
          was started in another session. Connect again from the monitor's form.
        </p>
      </>
    );
  const state = outcome.data;
  return (
    <>
      <h1>OAuth sign-in</h1>
      <ErrorBanner error={outcome.error} title="Could not read the sign-in." />
      {state?.status === 'connected' ? (
        <p className="banner banner-info" role="status">
          Connected with {state.connection?.issuer}. Return to the monitor's form and save it: this tab can be
          closed.
        </p>
      ) : null}
      {state?.status === 'failed' ? (
        <p className="banner banner-error" role="alert">
          <strong>The sign-in failed. </strong>
          {state.failure}
        </p>
      ) : null}
      {state?.status === 'pending' ? <p className="loading">Finishing the sign-in…</p> : null}
    </>
  );
}
