import type { DirectoryListItem } from '@mcpulse/contract';
import {
  DIRECTORY_AUTH_REQUIREMENTS,
  type DirectoryListSort,
  MONITOR_DISPLAY_STATUSES,
  PROBE_ERROR_CODES,
  PROTOCOL_ERAS,
} from '@mcpulse/core/domain';
import { useEffect, useId, useState } from 'react';
import { directoryNamePath, listDirectory } from '../../api/directory-api.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { StatusBadge } from '../../components/status-badge.js';
import {
  DIRECTORY_PAGE_SIZE,
  type DirectoryView,
  queryOfView,
  searchOfView,
  sortBy,
  viewFromSearch,
} from '../../lib/directory-query.js';
import { formatCount, formatDateTime, formatMs, formatUptime } from '../../lib/format.js';
import { Link, useRouter } from '../../lib/router.js';
import { statusLook } from '../../lib/status.js';
import { useResource } from '../../lib/use-resource.js';

const REFRESH_MS = 60_000;
const SEARCH_DELAY_MS = 250;

const COLUMNS: { key: DirectoryListSort | null; label: string; numeric?: boolean }[] = [
  { key: 'state', label: 'State' },
  { key: 'name', label: 'Server' },
  { key: 'uptime', label: 'Uptime 30 d', numeric: true },
  { key: 'p95', label: 'p95 24 h', numeric: true },
  { key: null, label: 'Protocol' },
  { key: 'tools', label: 'Tools', numeric: true },
  { key: null, label: 'Last error' },
];

function Filter({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <span className="directory-filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </span>
  );
}

function protocolWords(item: DirectoryListItem): string {
  if (!item.era) return '—';
  return `${item.era} ${item.protocolVersion ?? ''}`.trim();
}

function Row({ item }: { item: DirectoryListItem }) {
  const [first, ...others] = item.servers;
  return (
    <tr data-endpoint={item.url}>
      <td data-label="State">
        <StatusBadge status={item.state} />
        {item.skipReason ? (
          <span className="muted directory-skip"> {item.skipReason.replace('_', ' ')}</span>
        ) : null}
      </td>
      <td data-label="Server" className="monitor-cell">
        {first ? (
          <Link to={`/directory/${directoryNamePath(first.name)}`} className="monitor-name">
            {first.title || first.name}
          </Link>
        ) : null}
        <span className="monitor-url">{item.url}</span>
        {others.length > 0 ? (
          <span className="muted directory-also">
            also listed as {others.map((server) => server.name).join(', ')}
          </span>
        ) : null}
      </td>
      <td data-label="Uptime 30 d" className="numeric">
        {formatUptime(item.uptime30d)}
      </td>
      <td data-label="p95 24 h" className="numeric">
        {formatMs(item.p95Ms)}
      </td>
      <td data-label="Protocol">
        <span>{protocolWords(item)}</span>
        <span className="muted directory-transport"> {item.transport}</span>
        {item.authRequirement === 'secret_header' ? <span className="tag">auth</span> : null}
      </td>
      <td data-label="Tools" className="numeric">
        {item.toolCount ?? '—'}
      </td>
      <td data-label="Last error">{item.errorCode ? <code>{item.errorCode}</code> : '—'}</td>
    </tr>
  );
}

/** The public directory: every endpoint the registries list, searched, filtered and sorted by the API. */
export function DirectoryPage() {
  const { search, navigate } = useRouter();
  const view = viewFromSearch(search);
  const setView = (next: DirectoryView) => navigate(`/directory${searchOfView(next)}`, { replace: true });
  const [typed, setTyped] = useState(view.q);
  const query = queryOfView(view);
  const key = JSON.stringify(query);
  const { data, error, loading } = useResource((signal) => listDirectory(query, signal), key, REFRESH_MS);

  // Typing searches after a pause, not at each key: each search is a request.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text starts a search
  useEffect(() => {
    if (typed === view.q) return;
    const timer = setTimeout(() => setView({ ...view, q: typed, page: 1 }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  const pages = data ? Math.max(1, Math.ceil(data.total / DIRECTORY_PAGE_SIZE)) : 1;
  const filter = (name: 'state' | 'era' | 'auth' | 'errorCode') => (value: string) =>
    setView({ ...view, [name]: value, page: 1 });

  return (
    <>
      <div className="page-head">
        <div>
          <h1>MCP directory</h1>
          <p className="page-sub" aria-live="polite">
            {data
              ? `${formatCount(data.total)} ${data.total === 1 ? 'endpoint' : 'endpoints'} · figures as of ${formatDateTime(data.refreshedAt)}`
              : 'Every MCP server the public registries list, checked with a real MCP handshake.'}
          </p>
        </div>
      </div>
      <div className="toolbar directory-toolbar">
        <label className="search">
          <span className="visually-hidden">Search the directory</span>
          <input
            type="search"
            placeholder="Search by name, title or URL"
            value={typed}
            maxLength={200}
            onChange={(event) => setTyped(event.target.value)}
          />
        </label>
        <Filter
          label="State"
          value={view.state}
          options={MONITOR_DISPLAY_STATUSES.map((value) => ({ value, label: statusLook(value).label }))}
          onChange={filter('state')}
        />
        <Filter
          label="Era"
          value={view.era}
          options={[
            ...PROTOCOL_ERAS.map((value) => ({ value, label: value })),
            { value: 'none', label: 'unknown' },
          ]}
          onChange={filter('era')}
        />
        <Filter
          label="Auth"
          value={view.auth}
          options={DIRECTORY_AUTH_REQUIREMENTS.map((value) => ({
            value,
            label: value === 'none' ? 'none' : 'secret header',
          }))}
          onChange={filter('auth')}
        />
        <Filter
          label="Failure"
          value={view.errorCode}
          options={[
            { value: 'none', label: 'no error' },
            ...PROBE_ERROR_CODES.map((value) => ({ value, label: value.replaceAll('_', ' ') })),
          ]}
          onChange={filter('errorCode')}
        />
        <span className="toolbar-note">{loading ? 'Loading…' : ''}</span>
      </div>
      {error ? <ErrorBanner error={error} title="Could not load the directory." /> : null}
      {data && data.items.length === 0 ? <p className="muted">No endpoint matches.</p> : null}
      {data && data.items.length > 0 ? (
        <table className="table monitor-table directory-table">
          <caption className="visually-hidden">Directory endpoints; the column headers sort the list</caption>
          <thead>
            <tr>
              {COLUMNS.map((column) => {
                const active = column.key !== null && view.sort === column.key;
                return (
                  <th
                    key={column.label}
                    scope="col"
                    className={column.numeric ? 'numeric' : undefined}
                    aria-sort={active ? (view.order === 'asc' ? 'ascending' : 'descending') : undefined}
                  >
                    {column.key ? (
                      <button
                        type="button"
                        className="sort-button"
                        onClick={() => setView(sortBy(view, column.key as DirectoryListSort))}
                      >
                        {column.label}
                        <span aria-hidden="true" className="sort-arrow">
                          {active ? (view.order === 'asc' ? '↑' : '↓') : '↕'}
                        </span>
                      </button>
                    ) : (
                      column.label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {data.items.map((item) => (
              <Row key={item.endpointId} item={item} />
            ))}
          </tbody>
        </table>
      ) : null}
      {data && pages > 1 ? (
        <nav className="pager" aria-label="Pages">
          <button
            type="button"
            className="button"
            disabled={view.page <= 1}
            onClick={() => setView({ ...view, page: view.page - 1 })}
          >
            Previous
          </button>
          <span>
            Page {view.page} of {pages}
          </span>
          <button
            type="button"
            className="button"
            disabled={view.page >= pages}
            onClick={() => setView({ ...view, page: view.page + 1 })}
          >
            Next
          </button>
        </nav>
      ) : null}
    </>
  );
}
