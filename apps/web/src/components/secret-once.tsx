import { CopyButton } from './copy-button.js';

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
  return (
    <section className="secret-once" aria-live="polite">
      <h3>{label}</h3>
      <p>Copy it now: it is shown only this once and cannot be read again. {ifLost}</p>
      <div className="secret-row">
        <code className="secret-value" data-testid="secret-value">
          {secret}
        </code>
        <CopyButton text={secret} />
      </div>
      <button type="button" className="button button-quiet" onClick={onDone}>
        I have saved it
      </button>
    </section>
  );
}
