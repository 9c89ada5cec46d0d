import { getTools } from '../../api/monitors-api.js';
import type { Monitor, Tool } from '../../api/types.js';
import { formatDateTime } from '../../lib/format.js';
import { useReloadOn, useResource } from '../../lib/use-resource.js';

function parametersOf(tool: Tool): { name: string; type: string; required: boolean }[] {
  const properties = (tool.inputSchema.properties ?? {}) as Record<string, { type?: unknown }>;
  const required = Array.isArray(tool.inputSchema.required) ? (tool.inputSchema.required as string[]) : [];
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    type: Array.isArray(schema?.type)
      ? schema.type.join(' | ')
      : typeof schema?.type === 'string'
        ? schema.type
        : 'any',
    required: required.includes(name),
  }));
}

const HINTS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const;

export function ToolsSection({ monitor }: { monitor: Monitor }) {
  const tools = useResource((signal) => getTools(monitor.id, signal), `tools:${monitor.id}`, 30_000);
  useReloadOn(monitor.lastCheckedAt, tools.reload);
  const snapshot = tools.data?.snapshot;
  return (
    <section className="section" aria-labelledby="tools-title">
      <h2 id="tools-title">Tools{snapshot ? ` (${snapshot.toolCount})` : ''}</h2>
      {!snapshot ? (
        <p className="muted">The tools list appears after the first successful check.</p>
      ) : (
        <>
          <p className="muted">
            Since {formatDateTime(snapshot.since)} · schema hash{' '}
            <code title={snapshot.hash}>{snapshot.hash.slice(0, 12)}…</code>
          </p>
          <ul className="tool-list">
            {snapshot.tools.map((tool) => (
              <li key={tool.name} className="card tool">
                <h3>
                  <code>{tool.name}</code>
                </h3>
                {tool.description ? <p>{tool.description}</p> : <p className="muted">No description.</p>}
                <p className="tool-params">
                  {parametersOf(tool).map((param) => (
                    <span key={param.name} className="tag">
                      {param.name}
                      {param.required ? '' : '?'}: {param.type}
                    </span>
                  ))}
                  {HINTS.filter((hint) => tool.annotations?.[hint] === true).map((hint) => (
                    <span key={hint} className="tag tag-info">
                      {hint.replace('Hint', '')}
                    </span>
                  ))}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
