import { useState } from 'react';
import type { Tool } from '../api/types.js';
import { type DiffLine, diffTools } from '../lib/side-by-side.js';

function Cell({ line, side }: { line: DiffLine | null; side: 'left' | 'right' }) {
  if (!line) return <td className="diff-cell diff-empty" colSpan={2} />;
  const mark = line.changed ? (side === 'left' ? '−' : '+') : ' ';
  return (
    <>
      <td className="diff-number">{line.number}</td>
      <td className={`diff-cell${line.changed ? ` diff-${side === 'left' ? 'removed' : 'added'}` : ''}`}>
        <span className="diff-mark" aria-hidden="true">
          {mark}
        </span>
        {line.changed ? (
          <span className="visually-hidden">{side === 'left' ? 'removed: ' : 'added: '}</span>
        ) : null}
        {line.text}
      </td>
    </>
  );
}

/** Tool schemas before and after a drift, tool by tool, changed lines beside their replacements. */
export function SideBySideDiff({ before, after }: { before: Tool[]; after: Tool[] }) {
  const [showUnchanged, setShowUnchanged] = useState(false);
  const tools = diffTools(before, after);
  const unchanged = tools.filter((tool) => tool.change === 'unchanged').length;
  return (
    <div className="side-by-side">
      {tools
        .filter((tool) => showUnchanged || tool.change !== 'unchanged')
        .map((tool) => (
          <div key={tool.name} className="diff-tool">
            <h4>
              <code>{tool.name}</code> <span className={`tag diff-tag-${tool.change}`}>{tool.change}</span>
            </h4>
            <div className="diff-scroll">
              <table className="diff-table">
                <colgroup>
                  <col className="diff-number-col" />
                  <col />
                  <col className="diff-number-col" />
                  <col />
                </colgroup>
                <thead>
                  <tr>
                    <th colSpan={2} scope="colgroup">
                      Before
                    </th>
                    <th colSpan={2} scope="colgroup">
                      After
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {tool.rows.map((row, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in a fixed rendering
                    <tr key={index}>
                      <Cell line={row.left} side="left" />
                      <Cell line={row.right} side="right" />
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ))}
      {unchanged > 0 ? (
        <button
          type="button"
          className="button button-quiet"
          onClick={() => setShowUnchanged(!showUnchanged)}
        >
          {showUnchanged ? 'Hide' : 'Show'} {unchanged} unchanged tool{unchanged === 1 ? '' : 's'}
        </button>
      ) : null}
    </div>
  );
}
