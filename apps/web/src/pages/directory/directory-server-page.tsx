import type {
  DirectoryEndpoint,
  DirectoryServer,
  DirectoryServerEntry,
  ServerChange,
} from '@mcpulse/contract';
import { useState } from 'react';
import { getDirectoryServer } from '../../api/directory-api.js';
import { ClippedText } from '../../components/clipped-text.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { StatusBadge } from '../../components/status-badge.js';
import { UptimeBars } from '../../components/uptime-bars.js';
import { safeHref } from '../../lib/directory-query.js';
import { formatCount, formatDateTime, formatMs, formatUptime } from '../../lib/format.js';
import { RENDER_LIMITS } from '../../lib/render-limits.js';
import { Link } from '../../lib/router.js';
import { toolName } from '../../lib/tool-fields.js';
import { useResource } from '../../lib/use-resource.js';
import { ToolCard, ToolsNotKept } from '../monitors/tools-section.js';
import { WatchButton } from './watch-button.js';

const REFRESH_MS = 60_000;

function ExternalLink({ href, children }: { href: string | null; children: string }) {
  const safe = safeHref(href);
  if (!safe) return null;
  return (
    <a href={safe} rel="noopener noreferrer nofollow" target="_blank">
      {children}
    </a>
  );
}

function EntryFacts({ entry }: { entry: DirectoryServerEntry }) {
  return (
    <section className="section card" data-testid="directory-entry">
      <p className="muted">
        Version <code>{entry.version}</code> · {entry.status} in <code>{entry.registryUrl}</code>
        {entry.upstreamUpdatedAt ? ` · updated ${formatDateTime(entry.upstreamUpdatedAt)}` : ''}
      </p>
      {entry.description ? (
        <p data-testid="directory-description">
          <ClippedText text={entry.description} max={RENDER_LIMITS.descriptionChars} />
        </p>
      ) : null}
      <p className="directory-links">
        <ExternalLink href={entry.websiteUrl}>Website</ExternalLink>{' '}
        <ExternalLink href={entry.repositoryUrl}>Repository</ExternalLink>
      </p>
      {entry.remotes.some((remote) => remote.skipReason) ? (
        <ul className="directory-remotes">
          {entry.remotes
            .filter((remote) => remote.skipReason)
            .map((remote, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: an entry may declare one URL twice
              <li key={index}>
                <code>
                  <ClippedText text={remote.url} max={RENDER_LIMITS.messageChars} />
                </code>{' '}
                <span className="muted">not probed: {remote.skipReason?.replace('_', ' ')}</span>
              </li>
            ))}
        </ul>
      ) : null}
    </section>
  );
}

function changeWords(change: ServerChange): string {
  if (change.kind === 'schema.drift') return 'Tools changed';
  if (change.kind === 'protocol.changed') {
    return `Protocol ${change.from.era} ${change.from.protocolVersion} → ${change.to.era} ${change.to.protocolVersion}`;
  }
  return `Release ${change.fromVersion} → ${change.toVersion}`;
}

function Tools({ endpoint }: { endpoint: DirectoryEndpoint }) {
  const [shown, setShown] = useState<number>(RENDER_LIMITS.toolsPerPage);
  const snapshot = endpoint.tools;
  if (!snapshot) return <p className="muted">No tools confirmed yet.</p>;
  if (snapshot.omitted) return <ToolsNotKept snapshot={snapshot} omitted={snapshot.omitted} />;
  const more = snapshot.tools.length - shown;
  return (
    <>
      <ul className="tool-list">
        {snapshot.tools.slice(0, shown).map((tool, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a server may list one name twice
          <ToolCard key={`${index}:${toolName(tool)}`} tool={tool} />
        ))}
      </ul>
      {more > 0 ? (
        <button type="button" className="button" onClick={() => setShown(shown + RENDER_LIMITS.toolsPerPage)}>
          Show {formatCount(Math.min(more, RENDER_LIMITS.toolsPerPage))} more tools
        </button>
      ) : null}
    </>
  );
}

function Endpoint({ endpoint, name }: { endpoint: DirectoryEndpoint; name: string }) {
  const summary = endpoint.summary;
  const latency = endpoint.latency?.windows['24h'].overall;
  return (
    <article className="section directory-endpoint" data-testid="directory-endpoint">
      <div className="page-head">
        <div>
          <h2>
            <code>
              <ClippedText text={endpoint.url} max={RENDER_LIMITS.messageChars} />
            </code>
          </h2>
          <p className="muted">
            {endpoint.transport}
            {summary?.era ? ` · ${summary.era} ${summary.protocolVersion ?? ''}` : ''}
            {endpoint.authRequirement === 'secret_header' ? ' · needs a secret header' : ''}
            {summary?.lastCheckedAt ? ` · last checked ${formatDateTime(summary.lastCheckedAt)}` : ''}
          </p>
        </div>
        <div className="directory-endpoint-actions">
          {summary ? <StatusBadge status={summary.state} size="lg" /> : null}
          <WatchButton endpoint={endpoint} name={name} />
        </div>
      </div>
      {endpoint.skipReason ? (
        <p className="banner banner-warn">Not probed: {endpoint.skipReason.replace('_', ' ')}.</p>
      ) : null}
      {summary?.errorCode ? (
        <p>
          Latest check failed with <code>{summary.errorCode}</code>.
        </p>
      ) : null}
      <h3>Uptime</h3>
      {endpoint.uptime ? (
        <>
          <p>
            24 h {formatUptime(endpoint.uptime.windows['24h'].uptime)} · 30 d{' '}
            {formatUptime(endpoint.uptime.windows['30d'].uptime)} · 90 d{' '}
            {formatUptime(endpoint.uptime.windows['90d'].uptime)}
          </p>
          <UptimeBars days={endpoint.uptime.days} ninetyDays={endpoint.uptime.windows['90d'].uptime} />
        </>
      ) : (
        <p className="muted">No data.</p>
      )}
      <h3>Latency (24 h)</h3>
      <p data-testid="directory-latency">
        p50 {formatMs(latency?.p50)} · p95 {formatMs(latency?.p95)} · p99 {formatMs(latency?.p99)}
      </p>
      <h3>Tools{endpoint.tools ? ` (${endpoint.tools.toolCount})` : ''}</h3>
      <Tools endpoint={endpoint} />
      <h3>Changes</h3>
      {endpoint.changes.items.length === 0 ? (
        <p className="muted">No change seen.</p>
      ) : (
        <ul className="directory-events">
          {endpoint.changes.items.map((change) => (
            <li key={change.id}>
              <time dateTime={change.occurredAt}>{formatDateTime(change.occurredAt)}</time>{' '}
              <ClippedText text={changeWords(change)} max={RENDER_LIMITS.messageChars} />
            </li>
          ))}
        </ul>
      )}
      <h3>Incidents</h3>
      {endpoint.incidents.items.length === 0 ? (
        <p className="muted">No incident.</p>
      ) : (
        <ul className="directory-events" data-testid="directory-incidents">
          {endpoint.incidents.items.map((incident) => (
            <li key={incident.id}>
              <strong>{incident.kind}</strong> from{' '}
              <time dateTime={incident.startedAt}>{formatDateTime(incident.startedAt)}</time>
              {incident.endedAt ? ` to ${formatDateTime(incident.endedAt)}` : ' (ongoing)'}
              {incident.errorCode ? (
                <>
                  {' '}
                  · <code>{incident.errorCode}</code>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

function titleOf(server: DirectoryServer): string {
  return server.entries.find((entry) => entry.title)?.title ?? server.name;
}

/** One server of the public directory by its registry name: what it is, and how each endpoint fares. */
export function DirectoryServerPage({ name }: { name: string }) {
  const { data, error } = useResource(
    (signal) => getDirectoryServer(name, signal),
    `directory:${name}`,
    REFRESH_MS,
  );
  return (
    <>
      <p>
        <Link to="/directory">← MCP directory</Link>
      </p>
      {error && !data ? <ErrorBanner error={error} title="Could not load this server." /> : null}
      {!data && !error ? <p className="loading">Loading…</p> : null}
      {data ? (
        <>
          <div className="page-head">
            <div>
              <h1 data-testid="directory-title">
                <ClippedText text={titleOf(data)} max={RENDER_LIMITS.nameChars} />
              </h1>
              <p className="page-sub">
                <code>{data.name}</code>
              </p>
            </div>
          </div>
          {data.entries.map((entry) => (
            <EntryFacts key={entry.registryUrl} entry={entry} />
          ))}
          {data.endpoints.length === 0 ? (
            <p className="muted">No endpoint of this server is checked.</p>
          ) : null}
          {data.endpoints.map((endpoint) => (
            <Endpoint key={endpoint.endpointId} endpoint={endpoint} name={data.name} />
          ))}
        </>
      ) : null}
    </>
  );
}
