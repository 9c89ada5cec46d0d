import type { Monitor, ProtocolChange, Release, ServerChange } from '@mcpulse/contract';
import { useState } from 'react';
import { getChanges } from '../../api/monitors-api.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { formatDateTime } from '../../lib/format.js';
import { type OlderPages, olderPagesAfter, withOlderPage } from '../../lib/older-pages.js';
import { RENDER_LIMITS } from '../../lib/render-limits.js';
import { protocolWords, releaseLabel, visibleText } from '../../lib/server-changes.js';
import { useReloadOn, useResource } from '../../lib/use-resource.js';
import { DriftItem } from './drift-item.js';

const PART_WORDS: Record<ProtocolChange['changed'][number], string> = {
  era: 'era',
  protocolVersion: 'protocol version',
  transport: 'transport',
};

function ProtocolChangeItem({ change }: { change: ProtocolChange }) {
  const fellBack = change.to.transport === 'sse' && change.from.transport !== 'sse';
  return (
    <li className="timeline-item protocol-item" data-testid="protocol-item">
      <div className="timeline-head">
        <strong>Protocol changed</strong>
        <span className="tag tag-info">{change.changed.map((part) => PART_WORDS[part]).join(', ')}</span>
        <span className="muted">{formatDateTime(change.occurredAt)}</span>
      </div>
      <p className="drift-summary">
        {protocolWords(change.from)} → <strong>{protocolWords(change.to)}</strong>
      </p>
      <p className="muted">
        {fellBack ? 'The server now answers over the older HTTP+SSE transport only. ' : ''}
        First seen {formatDateTime(change.firstSeenAt)}, confirmed by the next check.
      </p>
    </li>
  );
}

function ReleaseItem({ release }: { release: Release }) {
  return (
    <li className="timeline-item release-item" data-testid="release-item">
      <div className="timeline-head">
        <strong>{releaseLabel(release.toVersion)} deployed</strong>
        <span className="muted">{formatDateTime(release.firstSeenAt)}</span>
      </div>
      <p className="drift-summary">
        {release.serverName ? (
          <>
            <code>{visibleText(release.serverName, RENDER_LIMITS.serverTextChars)}</code>{' '}
          </>
        ) : null}
        was {releaseLabel(release.fromVersion)}: its checks before and after this line on the latency chart
        compare the two releases.
      </p>
    </li>
  );
}

function ChangeItem({
  monitorId,
  change,
  initiallyOpen,
}: {
  monitorId: string;
  change: ServerChange;
  initiallyOpen: boolean;
}) {
  switch (change.kind) {
    case 'schema.drift':
      return <DriftItem monitorId={monitorId} drift={change} initiallyOpen={initiallyOpen} />;
    case 'protocol.changed':
      return <ProtocolChangeItem change={change} />;
    case 'release':
      return <ReleaseItem release={change} />;
  }
}

/** Older changes, page by page after the first (which reloads on its own), as the user asks for them. */
function useOlderChanges(monitorId: string, firstCursor: string | null) {
  const [state, setState] = useState<OlderPages<ServerChange>>({ items: [], cursor: null, after: null });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const current = olderPagesAfter(state, firstCursor);
  const loadMore = async () => {
    if (!current.cursor) return;
    setLoading(true);
    setError(null);
    try {
      const page = await getChanges(monitorId, { cursor: current.cursor }, new AbortController().signal);
      setState(withOlderPage(current, page));
    } catch (failure) {
      setError(failure);
    } finally {
      setLoading(false);
    }
  };
  return { items: current.items, more: current.cursor !== null, loading, error, loadMore };
}

/** What changed about the server, newest first: its tools (schema drift), its protocol and its releases. */
export function ChangesSection({ monitor }: { monitor: Monitor }) {
  const changes = useResource(
    (signal) => getChanges(monitor.id, {}, signal),
    `changes:${monitor.id}`,
    15_000,
  );
  useReloadOn(monitor.lastCheckedAt, changes.reload);
  const older = useOlderChanges(monitor.id, changes.data?.nextCursor ?? null);
  const items = [...(changes.data?.items ?? []), ...older.items];
  const firstDrift = items.find((item) => item.kind === 'schema.drift');
  return (
    <section className="section" aria-labelledby="drift-title">
      <h2 id="drift-title">Schema drift, protocol and releases</h2>
      {changes.error ? <ErrorBanner error={changes.error} title="Could not load the changes." /> : null}
      {changes.data && items.length === 0 ? (
        <EmptyState title="No changes yet">
          <p>
            mcpulse fingerprints the server's tools on every check, and notes the protocol it speaks and the
            release it announces. When the tools change (a tool added, removed, or its parameters or
            description edited), the change shows here with a side-by-side diff, and breaking changes are
            marked. A new protocol (a move to 2026-07-28, a fall-back to HTTP+SSE) and a new release show here
            too; releases are marked on the latency chart.
          </p>
        </EmptyState>
      ) : (
        <>
          <ol className="timeline">
            {items.map((item) => (
              <ChangeItem
                key={item.id}
                monitorId={monitor.id}
                change={item}
                initiallyOpen={item === firstDrift}
              />
            ))}
          </ol>
          {older.error ? <ErrorBanner error={older.error} title="Could not load older changes." /> : null}
          {older.more ? (
            <button
              type="button"
              className="button"
              disabled={older.loading}
              onClick={() => void older.loadMore()}
            >
              {older.loading ? 'Loading…' : 'Show older changes'}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
