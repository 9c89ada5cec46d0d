import type { StatusPage } from '@mcpulse/contract';
import { listStatusPages } from '../../api/status-pages-api.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { formatCount } from '../../lib/format.js';
import { Link } from '../../lib/router.js';
import { domainStateOf } from '../../lib/status-page-domain.js';
import { useResource } from '../../lib/use-resource.js';
import { AllowListNote } from './domain-verification.js';

const plural = (count: number, one: string) => `${formatCount(count)} ${one}${count === 1 ? '' : 's'}`;

/** A custom domain, and what still stands between it and the page: the owner's proof, the operator's list. */
function CustomDomain({ page }: { page: StatusPage }) {
  const state = domainStateOf(page);
  if (!state) return null;
  if (state.served) {
    return (
      <p className="status-page-domain">
        Also at <code>{state.domain}</code>{' '}
        <span className="badge badge-good">
          <span aria-hidden="true">● </span>answered
        </span>
      </p>
    );
  }
  return (
    <div className="status-page-domain" data-testid="domain-state">
      {state.verified ? null : (
        <p className="banner banner-warn">
          <code>{state.domain}</code> is not verified: create the DNS record shown in the{' '}
          <Link to={`/status-pages/${page.id}`}>editor</Link>, then verify it.
        </p>
      )}
      {state.allowed ? null : (
        <p className="banner banner-warn">
          <AllowListNote domain={state.domain} />
        </p>
      )}
    </div>
  );
}

function PageCard({ page }: { page: StatusPage }) {
  const monitors = page.groups.reduce((count, group) => count + group.monitors.length, 0);
  return (
    <li className="card status-page-card" data-status-page={page.slug}>
      <div className="webhook-card-head">
        <div>
          <h2 className="status-page-title">
            <Link to={`/status-pages/${page.id}`}>{page.title}</Link>
          </h2>
          <p className="muted status-page-slug">/status/{page.slug}</p>
        </div>
        <a className="button" href={page.url} target="_blank" rel="noopener noreferrer">
          Open public page<span className="visually-hidden"> {page.title} (opens in a new tab)</span>
        </a>
      </div>
      <p className="webhook-filters">
        <span className="tag" data-testid="monitor-count">
          {plural(monitors, 'monitor')}
        </span>
        <span className="tag">{plural(page.groups.length, 'group')}</span>
        <span className="tag" data-testid="subscriber-count">
          {plural(page.subscribers, 'subscriber')}
        </span>
      </p>
      <CustomDomain page={page} />
      <p className="status-page-url">
        <a href={page.url} target="_blank" rel="noopener noreferrer">
          {page.url}
        </a>
      </p>
      <div className="actions">
        <Link to={`/status-pages/${page.id}`} className="button">
          Edit<span className="visually-hidden"> {page.title}</span>
        </Link>
      </div>
    </li>
  );
}

export function StatusPagesPage() {
  const pages = useResource((signal) => listStatusPages(signal), 'status-pages', 30_000);
  const list = pages.data?.pages ?? [];
  const add = (
    <Link to="/status-pages/new" className="button button-primary">
      New status page
    </Link>
  );
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Status pages</h1>
          <p className="page-sub">
            Public pages that show your visitors how your MCP servers are doing, with the updates you post.
          </p>
        </div>
        {list.length > 0 ? add : null}
      </div>
      {pages.error && !pages.data ? (
        <ErrorBanner error={pages.error} title="Could not load the status pages." />
      ) : null}
      {pages.data && list.length === 0 ? (
        <EmptyState title="No status pages yet" action={add}>
          <p>
            A status page shows chosen monitors in named groups: their state now, their history and uptime,
            and the incidents with the updates you post. Anyone can read it without an account, and subscribe
            to it by feed or webhook.
          </p>
        </EmptyState>
      ) : (
        <ul className="card-list">
          {list.map((page) => (
            <PageCard key={page.id} page={page} />
          ))}
        </ul>
      )}
    </>
  );
}
