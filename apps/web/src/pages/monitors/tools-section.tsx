import type { Monitor, Tool, ToolsSnapshot } from '@mcpulse/contract';
import type { SnapshotOmission } from '@mcpulse/core/domain';
import { useState } from 'react';
import { getTools } from '../../api/monitors-api.js';
import { ClippedText } from '../../components/clipped-text.js';
import { JsonView } from '../../components/json-view.js';
import { formatCount, formatDateTime } from '../../lib/format.js';
import { RENDER_LIMITS } from '../../lib/render-limits.js';
import { limitSentence, omissionHeadline, shortHash } from '../../lib/snapshot-words.js';
import { hintsOf, parametersOf, toolDescription, toolName } from '../../lib/tool-fields.js';
import { useReloadOn, useResource } from '../../lib/use-resource.js';

export function ToolCard({ tool }: { tool: Tool }) {
  const [schemaOpen, setSchemaOpen] = useState(false);
  const name = toolName(tool);
  const description = toolDescription(tool);
  const parameters = parametersOf(tool, RENDER_LIMITS.parametersPerTool);
  const hidden = parameters.total - parameters.shown.length;
  return (
    <li className="card tool" data-testid="tool">
      <h3>
        <code>
          <ClippedText text={name} max={RENDER_LIMITS.nameChars} />
        </code>
      </h3>
      {description ? (
        <p className="tool-description">
          <ClippedText text={description} max={RENDER_LIMITS.descriptionChars} />
        </p>
      ) : (
        <p className="muted">No description.</p>
      )}
      <p className="tool-params">
        {parameters.shown.map((param) => (
          <span key={param.name} className="tag">
            <ClippedText text={param.name} max={RENDER_LIMITS.nameChars} />
            {param.required ? '' : '?'}: {param.type}
          </span>
        ))}
        {hidden > 0 ? <span className="muted">… {formatCount(hidden)} more parameters</span> : null}
        {hintsOf(tool).map((hint) => (
          <span key={hint} className="tag tag-info">
            {hint.replace('Hint', '')}
          </span>
        ))}
      </p>
      <button
        type="button"
        className="button button-quiet"
        aria-expanded={schemaOpen}
        onClick={() => setSchemaOpen(!schemaOpen)}
      >
        {schemaOpen ? 'Hide the input schema' : 'Show the input schema'}
      </button>
      {schemaOpen ? (
        <JsonView
          value={(tool as { inputSchema?: unknown }).inputSchema ?? null}
          label={`Input schema of ${name}`}
        />
      ) : null}
    </li>
  );
}

/** A tool list recorded by its hash and size only: say so, rather than show an empty list. */
export function ToolsNotKept({ snapshot, omitted }: { snapshot: ToolsSnapshot; omitted: SnapshotOmission }) {
  return (
    <p className="banner banner-warn" data-testid="tools-not-kept">
      <strong>{omissionHeadline(omitted)}</strong> {limitSentence(omitted)} Its{' '}
      {formatCount(snapshot.toolCount)} {snapshot.toolCount === 1 ? 'tool' : 'tools'} (schema hash{' '}
      <code title={snapshot.hash}>{shortHash(snapshot.hash)}</code>) are fingerprinted on every check, so a
      change is still detected and reported, but they cannot be listed or diffed.
    </p>
  );
}

export function ToolsSection({ monitor }: { monitor: Monitor }) {
  const tools = useResource((signal) => getTools(monitor.id, signal), `tools:${monitor.id}`, 30_000);
  useReloadOn(monitor.lastCheckedAt, tools.reload);
  const [shown, setShown] = useState<number>(RENDER_LIMITS.toolsPerPage);
  const snapshot = tools.data?.snapshot;
  const list = snapshot?.tools ?? [];
  const more = list.length - shown;
  return (
    <section className="section" aria-labelledby="tools-title">
      <h2 id="tools-title">Tools{snapshot ? ` (${snapshot.toolCount})` : ''}</h2>
      {!snapshot ? (
        <p className="muted">The tools list appears after the first successful check.</p>
      ) : (
        <>
          <p className="muted">
            Since {formatDateTime(snapshot.since)} · schema hash{' '}
            <code title={snapshot.hash}>{shortHash(snapshot.hash)}</code>
          </p>
          {snapshot.omitted ? (
            <ToolsNotKept snapshot={snapshot} omitted={snapshot.omitted} />
          ) : (
            <ul className="tool-list">
              {list.slice(0, shown).map((tool, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a server may list one name twice
                <ToolCard key={`${index}:${toolName(tool)}`} tool={tool} />
              ))}
            </ul>
          )}
          {more > 0 ? (
            <p className="render-cut">
              <span className="muted">… {formatCount(more)} more tools not shown. </span>
              <button
                type="button"
                className="button"
                onClick={() => setShown(shown + RENDER_LIMITS.toolsPerPage)}
              >
                Show {formatCount(Math.min(more, RENDER_LIMITS.toolsPerPage))} more
              </button>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
