import type { Tool } from '@mcpulse/contract';
import { useMemo, useState } from 'react';
import { formatCount } from '../lib/format.js';
import { RENDER_LIMITS } from '../lib/render-limits.js';
import { type DiffLine, diffTools, type ToolDiff, toolRows } from '../lib/side-by-side.js';
import { ClippedText } from './clipped-text.js';

type Side = 'left' | 'right';

function Cells({ line, side, absent }: { line: DiffLine | null; side: Side; absent: boolean }) {
  if (!line)
    return (
      <td colSpan={2} className={`${absent ? 'diff-absent' : 'diff-empty'} diff-${side}`}>
        {absent ? 'Not in this version' : null}
      </td>
    );
  const mark = line.changed ? (side === 'left' ? '−' : '+') : ' ';
  const tone = line.changed
    ? ` diff-${side === 'left' ? 'removed' : 'added'}`
    : line.note
      ? ' diff-note'
      : '';
  const text = line.text.trimStart();
  // Indentation is drawn as padding, capped at half the column, so a deeply nested line still fits a phone.
  const indent = line.text.length - text.length;
  return (
    <>
      <td className={`diff-number diff-${side}`}>{line.number}</td>
      <td className={`diff-text diff-${side}${tone}`}>
        <span className="diff-mark" aria-hidden="true">
          {mark}
        </span>
        <span className="diff-line" style={indent > 0 ? { paddingLeft: `min(${indent}ch, 50%)` } : undefined}>
          {line.changed ? (
            <span className="visually-hidden">{side === 'left' ? 'removed: ' : 'added: '}</span>
          ) : null}
          {text}
        </span>
      </td>
    </>
  );
}

/**
 * One tool's two versions: a table laid out as a CSS grid (its rows are
 * `display: contents`), so that on a narrow screen every "Before" cell can
 * flow above every "After" cell.
 */
function ToolDiffView({ tool }: { tool: ToolDiff }) {
  const { rows, truncated, differsUnseen } = useMemo(() => toolRows(tool), [tool]);
  return (
    <div className="diff-tool" data-testid="diff-tool">
      <h4>
        <code>
          <ClippedText text={tool.name} max={RENDER_LIMITS.nameChars} />
        </code>{' '}
        <span className={`tag diff-tag-${tool.change}`}>{tool.change}</span>
      </h4>
      {truncated ? (
        <p className="muted render-cut">
          Long or deeply nested: drawn up to {RENDER_LIMITS.jsonDepth} levels and {RENDER_LIMITS.jsonLines}{' '}
          lines per version; lines starting with “…” say what is left out.
        </p>
      ) : null}
      {differsUnseen ? (
        <p className="banner banner-warn render-cut">
          The two versions differ only past what is drawn here. Compare them with <code>mcpulse diff</code>.
        </p>
      ) : null}
      <table className="diff-grid">
        <caption className="visually-hidden">Schema of {tool.name}, before and after</caption>
        <thead>
          <tr>
            <th colSpan={2} scope="colgroup" className="diff-head diff-left">
              Before
            </th>
            <th colSpan={2} scope="colgroup" className="diff-head diff-right">
              After
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in a fixed rendering
            <tr key={index}>
              <Cells line={row.left} side="left" absent={index === 0 && tool.change === 'added'} />
              <Cells line={row.right} side="right" absent={index === 0 && tool.change === 'removed'} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Draws a list of tool diffs a page at a time: a tool list may hold thousands. */
function ToolDiffList({ tools, noun }: { tools: ToolDiff[]; noun: string }) {
  const [shown, setShown] = useState<number>(RENDER_LIMITS.diffTools);
  const more = tools.length - shown;
  return (
    <>
      {tools.slice(0, shown).map((tool, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a server may list one name twice
        <ToolDiffView key={`${index}:${tool.name}`} tool={tool} />
      ))}
      {more > 0 ? (
        <p className="render-cut">
          <span className="muted">
            … {formatCount(more)} more {noun} not shown.{' '}
          </span>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => setShown(shown + RENDER_LIMITS.diffTools)}
          >
            Show {formatCount(Math.min(more, RENDER_LIMITS.diffTools))} more
          </button>
        </p>
      ) : null}
    </>
  );
}

/** Tool schemas before and after a drift, tool by tool, changed lines beside their replacements. */
export function SideBySideDiff({ before, after }: { before: Tool[]; after: Tool[] }) {
  const [showUnchanged, setShowUnchanged] = useState(false);
  const tools = useMemo(() => diffTools(before, after), [before, after]);
  const changed = useMemo(() => tools.filter((tool) => tool.change !== 'unchanged'), [tools]);
  const unchanged = useMemo(() => tools.filter((tool) => tool.change === 'unchanged'), [tools]);
  return (
    <div className="side-by-side">
      <ToolDiffList tools={changed} noun="changed tools" />
      {unchanged.length > 0 ? (
        <button
          type="button"
          className="button button-quiet"
          onClick={() => setShowUnchanged(!showUnchanged)}
        >
          {showUnchanged ? 'Hide' : 'Show'} {formatCount(unchanged.length)} unchanged tool
          {unchanged.length === 1 ? '' : 's'}
        </button>
      ) : null}
      {showUnchanged ? <ToolDiffList tools={unchanged} noun="unchanged tools" /> : null}
    </div>
  );
}
