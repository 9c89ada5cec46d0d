import { Fragment } from 'react';
import { Link } from '../../lib/router.js';
import { useStatusPagesShowing } from '../../lib/status-pages-showing.js';

/** Where the updates posted to this monitor's incidents are read: the status pages that list it. */
export function StatusPagesHint({ monitorId }: { monitorId: string }) {
  const pages = useStatusPagesShowing(monitorId);
  if (pages === null) return null;
  if (pages.length === 0) {
    return (
      <p className="muted status-pages-hint">
        This monitor is on no <Link to="/status-pages">status page</Link>: updates you post to its incidents
        go to your webhooks only.
      </p>
    );
  }
  return (
    <p className="muted status-pages-hint" data-testid="status-pages-hint">
      On {pages.length === 1 ? 'the status page' : 'the status pages'}{' '}
      {pages.map((page, index) => (
        <Fragment key={page.id}>
          {index > 0 ? ', ' : ''}
          <a href={page.url} target="_blank" rel="noopener noreferrer">
            {page.title}
          </a>
        </Fragment>
      ))}
      : the updates you post to its incidents show there.
    </p>
  );
}
