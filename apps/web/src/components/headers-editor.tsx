import type { HeaderEntry } from '../lib/monitor-form.js';
import { MASKED_VALUE } from '../lib/monitor-form.js';

interface HeadersEditorProps {
  headers: HeaderEntry[];
  onChange(headers: HeaderEntry[]): void;
  /** Errors keyed `headers.<name>`, or `headers` for the set as a whole. */
  errors: Record<string, string>;
}

/**
 * Request headers sent with every check (Authorization, say). Saved values
 * never come back from the server: they show masked, and stay as saved unless
 * retyped.
 */
export function HeadersEditor({ headers, onChange, errors }: HeadersEditorProps) {
  const update = (index: number, patch: Partial<HeaderEntry>) =>
    onChange(headers.map((header, i) => (i === index ? { ...header, ...patch } : header)));
  const setError = errors.headers;
  return (
    <fieldset className="fieldset headers-editor">
      <legend>Request headers</legend>
      <p className="field-hint">
        Sent with every check, e.g. <code>Authorization: Bearer …</code>. Values are stored encrypted and
        never shown again.
      </p>
      {headers.map((header, index) => {
        const saved = header.value === MASKED_VALUE;
        const error = errors[`headers.${header.name.trim() || '(empty)'}`];
        const errorId = error ? `header-${index}-error` : undefined;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place while being typed
          <div className={`header-row${error ? ' field-invalid' : ''}`} key={index}>
            <label className="visually-hidden" htmlFor={`header-${index}-name`}>
              Header {index + 1} name
            </label>
            <input
              id={`header-${index}-name`}
              placeholder="Header name"
              value={header.name}
              onChange={(event) => update(index, { name: event.target.value })}
              aria-invalid={error ? true : undefined}
              aria-describedby={errorId}
              autoComplete="off"
              spellCheck={false}
            />
            <label className="visually-hidden" htmlFor={`header-${index}-value`}>
              Header {index + 1} value
            </label>
            <input
              id={`header-${index}-value`}
              type="password"
              placeholder={saved ? 'saved' : 'Value'}
              value={saved ? '' : header.value}
              onChange={(event) =>
                update(index, {
                  value: event.target.value === '' && saved ? MASKED_VALUE : event.target.value,
                })
              }
              aria-describedby={saved ? `header-${index}-saved` : errorId}
              autoComplete="off"
            />
            <button
              type="button"
              className="button button-quiet"
              onClick={() => onChange(headers.filter((_, i) => i !== index))}
              aria-label={`Remove header ${header.name || index + 1}`}
            >
              Remove
            </button>
            {saved ? (
              <p className="field-hint header-note" id={`header-${index}-saved`}>
                Saved value kept (hidden). Type a new value to replace it.
              </p>
            ) : null}
            {error ? (
              <p className="field-error header-note" id={errorId}>
                <span aria-hidden="true">⚠ </span>
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      {setError ? <p className="field-error">{setError}</p> : null}
      <button
        type="button"
        className="button"
        onClick={() => onChange([...headers, { name: '', value: '' }])}
      >
        Add header
      </button>
    </fieldset>
  );
}
