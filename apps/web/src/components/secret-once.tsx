import { useState } from 'react';

/** A secret the server shows only once: said plainly, selectable, with a copy button. */
export function SecretOnce({
  label,
  secret,
  ifLost,
  onDone,
}: {
  label: string;
  secret: string;
  ifLost: string;
  onDone(): void;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <section className="secret-once" aria-live="polite">
      <h3>{label}</h3>
      <p>Copy it now: it is shown only this once and cannot be read again. {ifLost}</p>
      <div className="secret-row">
        <code className="secret-value" data-testid="secret-value">
          {secret}
        </code>
        <button type="button" className="button" onClick={() => void copy()}>
          {copied ? 'Copied ✓' : 'Copy'}
        </button>
      </div>
      <button type="button" className="button button-quiet" onClick={onDone}>
        I have saved it
      </button>
    </section>
  );
}
