import { useMemo, useState } from 'react';
import { getOverview, listMonitors } from '../../api/monitors-api.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Sparkline } from '../../components/sparkline.js';
import { StatusBadge } from '../../components/status-badge.js';
import { formatAgo, formatMs, formatUptime } from '../../lib/format.js';
import {
  joinRows,
  nextSort,
  type Sort,
  type SortKey,
  searchRows,
  sortRows,
} from '../../lib/monitor-table.js';
import { Link } from '../../lib/router.js';
import { useNow, useResource } from '../../lib/use-resource.js';

const REFRESH_MS = 10_000;

const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'status', label: 'Status' },
  { key: 'name', label: 'Monitor' },
  { key: 'uptime24h', label: 'Uptime 24 h', numeric: true },
  { key: 'uptime30d', label: 'Uptime 30 d', numeric: true },
  { key: 'p95Ms24h', label: 'p95 24 h', numeric: true },
  { key: 'lastCheckedAt', label: 'Last check' },
];

async function loadRows(signal: AbortSignal) {
  const [{ monitors }, overview] = await Promise.all([listMonitors(signal), getOverview(signal)]);
  return joinRows(monitors, overview.monitors);
}

export function MonitorsPage() {
  const { data: rows, error, loading } = useResource(loadRows, 'monitors', REFRESH_MS);
  const now = useNow();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort>({ key: 'status', direction: 'asc' });
  const visible = useMemo(() => sortRows(searchRows(rows ?? [], query), sort), [rows, query, sort]);
  const counts = useMemo(() => {
    const byStatus: Record<string, number> = {};
    for (const row of rows ?? []) byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
    return byStatus;
  }, [rows]);

  const header = (
    <div className="page-head">
      <div>
        <h1>Monitors</h1>
        {rows && rows.length > 0 ? (
          <p className="page-sub" aria-live="polite">
            {rows.length} monitored · {counts.up ?? 0} up
            {counts.degraded ? ` · ${counts.degraded} degraded` : ''}
            {counts.down ? ` · ${counts.down} down` : ''} · refreshes every 10 s
          </p>
        ) : null}
      </div>
      <Link to="/monitors/new" className="button button-primary">
        Add monitor
      </Link>
    </div>
  );

  if (!rows) {
    return (
      <>
        {header}
        {error ? (
          <ErrorBanner error={error} title="Could not load your monitors." />
        ) : (
          <p className="loading">Loading monitors…</p>
        )}
      </>
    );
  }

  if (rows.length === 0) {
    return (
      <>
        {header}
        <EmptyState
          title="Add your first MCP server"
          action={
            <Link to="/monitors/new" className="button button-primary">
              Add monitor
            </Link>
          }
        >
          <p>
            Paste the URL of an MCP endpoint (for example <code>https://example.com/mcp</code>). mcpulse runs
            a real MCP handshake and <code>tools/list</code> on it every minute, tells you when it goes down
            or slows down, and shows when its tools change.
          </p>
          <p>Use “Test connection” to try the URL before you save it.</p>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      {header}
      {error ? <ErrorBanner error={error} title="Could not refresh; showing the last data." /> : null}
      <div className="toolbar">
        <label className="search">
          <span className="visually-hidden">Search monitors</span>
          <input
            type="search"
            placeholder="Search by name, URL or region"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </label>
        <span className="toolbar-note" aria-hidden={loading ? undefined : true}>
          {loading ? 'Refreshing…' : ''}
        </span>
      </div>
      {visible.length === 0 ? (
        <p className="muted">No monitor matches “{query}”.</p>
      ) : (
        <table className="table monitor-table">
          <caption className="visually-hidden">Your monitors; the column headers sort the table</caption>
          <thead>
            <tr>
              {COLUMNS.map((column) => {
                const active = sort.key === column.key;
                return (
                  <th
                    key={column.key}
                    scope="col"
                    className={column.numeric ? 'numeric' : undefined}
                    aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                  >
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() => setSort(nextSort(sort, column.key))}
                    >
                      {column.label}
                      <span aria-hidden="true" className="sort-arrow">
                        {active ? (sort.direction === 'asc' ? '↑' : '↓') : '↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
              <th scope="col">Latency 24 h</th>
              <th scope="col">Regions</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((row) => (
              <tr key={row.id} data-monitor={row.name}>
                <td data-label="Status">
                  <StatusBadge status={row.status} />
                </td>
                <td data-label="Monitor" className="monitor-cell">
                  <Link to={`/monitors/${row.id}`} className="monitor-name">
                    {row.name}
                  </Link>
                  <span className="monitor-url">{row.url}</span>
                </td>
                <td data-label="Uptime 24 h" className="numeric">
                  {formatUptime(row.uptime24h)}
                </td>
                <td data-label="Uptime 30 d" className="numeric">
                  {formatUptime(row.uptime30d)}
                </td>
                <td data-label="p95 24 h" className="numeric">
                  {formatMs(row.p95Ms24h)}
                </td>
                <td data-label="Last check">
                  <time dateTime={row.lastCheckedAt ?? undefined}>{formatAgo(row.lastCheckedAt, now)}</time>
                </td>
                <td data-label="Latency 24 h">
                  <Sparkline points={row.sparkline} paused={row.status === 'paused'} />
                </td>
                <td data-label="Regions">
                  <span className="regions">
                    {row.regions.map((region) => (
                      <span key={region} className="tag">
                        {region}
                      </span>
                    ))}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
