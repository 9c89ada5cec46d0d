import type { DirectoryEndpoint } from '@mcpulse/contract';
import { MONITOR_LIMITS } from '@mcpulse/core/domain';
import { useState } from 'react';
import { createMonitor } from '../../api/monitors-api.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { useAccount } from '../../lib/account-context.js';
import { Link, useRouter } from '../../lib/router.js';

/**
 * "Watch this server": one click makes a monitor of the endpoint in the signed-in user's own
 * organisation, through the ordinary monitor creation (their quota, their alerts). An endpoint that
 * needs a secret header opens the new monitor's form to add it.
 */
export function WatchButton({ endpoint, name }: { endpoint: DirectoryEndpoint; name: string }) {
  const { account, refreshAccount } = useAccount();
  const { navigate } = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  if (!account) {
    return (
      <Link to="/login" className="button">
        Log in to watch
      </Link>
    );
  }
  const watch = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const created = await createMonitor({
        name: name.slice(0, MONITOR_LIMITS.nameLength.max),
        url: endpoint.url,
        transport: endpoint.transport,
        headers: endpoint.headers,
      });
      refreshAccount();
      navigate(
        endpoint.authRequirement === 'secret_header'
          ? `/monitors/${created.monitor.id}/edit`
          : `/monitors/${created.monitor.id}`,
      );
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };
  return (
    <div className="watch">
      <button type="button" className="button button-primary" disabled={busy} onClick={() => void watch()}>
        {busy ? 'Adding…' : 'Watch this server'}
      </button>
      {error ? <ErrorBanner error={error} title="Could not add the monitor." /> : null}
    </div>
  );
}
