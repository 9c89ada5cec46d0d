import { useMemo } from 'react';
import { boundedJson, isNoteLine, type JsonPrintOptions } from '../lib/bounded-json.js';

/**
 * A JSON value, indented, drawn within the rendering limits (any depth, any
 * size); what is left out is said on the lines starting with "…". Text only:
 * whatever the value holds is escaped by React, never parsed as markup.
 */
export function JsonView({
  value,
  options,
  label,
}: {
  value: unknown;
  options?: JsonPrintOptions;
  label: string;
}) {
  const { lines } = useMemo(() => boundedJson(value, options), [value, options]);
  return (
    <figure className="json-figure">
      <figcaption className="visually-hidden">{label}</figcaption>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <pre className="json-view" tabIndex={0}>
        {lines.map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are positions in a fixed rendering
          <span key={index} className={isNoteLine(line) ? 'json-note' : undefined}>
            {line}
            {'\n'}
          </span>
        ))}
      </pre>
    </figure>
  );
}
