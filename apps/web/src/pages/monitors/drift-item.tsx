import type { SchemaDrift } from '@mcpulse/contract';
import { useState } from 'react';
import { getDriftSnapshots } from '../../api/monitors-api.js';
import { ClippedText } from '../../components/clipped-text.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { SideBySideDiff } from '../../components/side-by-side-diff.js';
import { formatCount, formatDateTime, formatNames } from '../../lib/format.js';
import { RENDER_LIMITS } from '../../lib/render-limits.js';
import { protocolWords } from '../../lib/server-changes.js';
import { limitSentence, missingDiffWords, shortHash } from '../../lib/snapshot-words.js';
import { useResource } from '../../lib/use-resource.js';

function DriftDiff({ monitorId, drift }: { monitorId: string; drift: SchemaDrift }) {
  const snapshots = useResource(
    (signal) => getDriftSnapshots(monitorId, drift.id, signal),
    `snapshots:${drift.id}`,
  );
  if (snapshots.error) return <ErrorBanner error={snapshots.error} title="Could not load the schemas." />;
  if (!snapshots.data) return <p className="loading">Loading schemas…</p>;
  const { before, after, beforeUnavailable, afterUnavailable } = snapshots.data;
  if (!before || !after) {
    const reason = beforeUnavailable ?? afterUnavailable ?? 'not_stored';
    return <p className="muted">No side-by-side view: {missingDiffWords(reason)}.</p>;
  }
  return <SideBySideDiff before={before} after={after} />;
}

/** A drift known by its hashes only: what changed, and why there is nothing to compare. */
function NoDiff({ drift }: { drift: SchemaDrift }) {
  const reason = drift.diffUnavailable ?? 'not_stored';
  const limit = limitSentence(reason);
  const hash = (value: string | null) =>
    value ? <code title={value}>{shortHash(value)}</code> : <span className="muted">unknown</span>;
  return (
    <>
      <p className="drift-summary" data-testid="drift-no-diff">
        Schema changed (hash {hash(drift.fromHash)} → {hash(drift.toHash)}): {missingDiffWords(reason)}.
      </p>
      {limit ? <p className="muted">{limit}</p> : null}
    </>
  );
}

/** A drift across a protocol change may be the era's listing, not the tools: say so before the diff. */
function AcrossProtocolChange({ change }: { change: NonNullable<SchemaDrift['protocolChange']> }) {
  return (
    <p className="banner banner-info" data-testid="drift-across-protocol">
      <strong>The protocol changed with it</strong> ({protocolWords(change.from)} → {protocolWords(change.to)}
      ). The 2026-07-28 listing drops some fields, so the same tools can hash differently in another era: part
      of this change may be the protocol, not the tools.
    </p>
  );
}

/** One schema drift on a monitor's change timeline, with its diff one click away. */
export function DriftItem({
  monitorId,
  drift,
  initiallyOpen,
}: {
  monitorId: string;
  drift: SchemaDrift;
  initiallyOpen: boolean;
}) {
  const [open, setOpen] = useState(initiallyOpen);
  const diff = drift.diff;
  const panelId = `drift-${drift.id}`;
  const names = (tools: readonly { name: unknown }[]) =>
    formatNames(
      tools.map((tool) => tool.name),
      RENDER_LIMITS.namesPerSummary,
      RENDER_LIMITS.nameChars,
    );
  const changes = diff
    ? diff.changed.flatMap((tool) => tool.changes.map((change) => ({ tool, change })))
    : [];
  const hiddenChanges = changes.length - RENDER_LIMITS.changesPerDrift;
  return (
    <li className="timeline-item drift-item" data-testid="drift-item">
      <div className="timeline-head">
        <strong>Tools changed</strong>
        {diff ? (
          diff.breaking ? (
            <span className="tag tag-bad">
              <span aria-hidden="true">⚠ </span>breaking
            </span>
          ) : (
            <span className="tag">compatible</span>
          )
        ) : null}
        {drift.protocolChange ? <span className="tag tag-info">across a protocol change</span> : null}
        <span className="muted">{formatDateTime(drift.occurredAt)}</span>
      </div>
      {drift.protocolChange ? <AcrossProtocolChange change={drift.protocolChange} /> : null}
      {diff ? (
        <>
          <p className="drift-summary">
            {diff.added.length > 0 ? <span>+ added {names(diff.added)} </span> : null}
            {diff.removed.length > 0 ? <span>− removed {names(diff.removed)} </span> : null}
            {diff.changed.length > 0 ? <span>~ changed {names(diff.changed)}</span> : null}
          </p>
          {diff.descriptionChanges.length > 0 ? (
            <p className="banner banner-warn">
              <strong>Description changed</strong> for{' '}
              {formatNames(diff.descriptionChanges, RENDER_LIMITS.namesPerSummary, RENDER_LIMITS.nameChars)}.
              A tool that keeps its name but changes what it tells the model is how a rug-pull looks: read the
              new text.
            </p>
          ) : null}
          <ul className="change-list">
            {changes.slice(0, RENDER_LIMITS.changesPerDrift).map(({ tool, change }, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: changes have no id of their own
              <li key={index} className={`change-${change.class}`}>
                <code>
                  <ClippedText text={String(tool.name)} max={RENDER_LIMITS.nameChars} />
                </code>
                : <ClippedText text={String(change.detail)} max={RENDER_LIMITS.changeChars} />
                {change.class === 'breaking' ? <span className="tag tag-bad">breaking</span> : null}
              </li>
            ))}
            {hiddenChanges > 0 ? (
              <li className="muted render-cut">… {formatCount(hiddenChanges)} more changes not shown</li>
            ) : null}
          </ul>
          <button
            type="button"
            className="button button-quiet"
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen(!open)}
          >
            {open ? 'Hide the schema diff' : 'Show the schema diff'}
          </button>
          <div id={panelId} hidden={!open}>
            {open ? <DriftDiff monitorId={monitorId} drift={drift} /> : null}
          </div>
        </>
      ) : (
        <NoDiff drift={drift} />
      )}
    </li>
  );
}
