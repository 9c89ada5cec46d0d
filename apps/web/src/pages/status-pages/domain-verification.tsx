import type { StatusPage } from '@mcpulse/contract';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { verifyStatusPageDomain } from '../../api/status-pages-api.js';
import { CopyButton } from '../../components/copy-button.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { formatDateTime } from '../../lib/format.js';

/** The API's codes for a lookup that found the record gone or changed, which clears the proof. */
const CLEARED_BY = new Set(['dns_record_missing', 'dns_record_mismatch']);

/** The operator's half: the domain on MCPULSE_ALLOWED_HOSTS. Said wherever the domain is shown. */
export function AllowListNote({ domain }: { domain: string }) {
  return (
    <>
      <code>{domain}</code> is not answered yet: the operator of this mcpulse must add it to{' '}
      <code>MCPULSE_ALLOWED_HOSTS</code> (and point its DNS here) before the page is served there.
    </>
  );
}

function RecordRow({ name, text }: { name: string; text: string }) {
  return (
    <div className="domain-record-row">
      <span className="domain-record-label">{name}</span>
      <div className="secret-row">
        <code className="secret-value">{text}</code>
        <CopyButton text={text} name={`the record's ${name.toLowerCase()}`} />
      </div>
    </div>
  );
}

/**
 * The owner's half of a custom domain: the TXT record that proves it theirs, whether it is proved,
 * and a button that has the API look the record up now.
 */
export function DomainVerification({ page }: { page: StatusPage }) {
  const [verification, setVerification] = useState(page.domainVerification);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<unknown>();
  if (!page.customDomain || !verification) return null;

  const verify = async () => {
    setChecking(true);
    setError(undefined);
    try {
      const checked = await verifyStatusPageDomain(page.id);
      setVerification(checked.domainVerification);
    } catch (failure) {
      setError(failure);
      // A record found missing or changed clears the proof; DNS that did not answer leaves it.
      if (failure instanceof ApiError && CLEARED_BY.has(failure.code)) {
        setVerification((current) => (current ? { ...current, verifiedAt: null } : current));
      }
    } finally {
      setChecking(false);
    }
  };

  return (
    <section className="domain-verification" aria-labelledby="domain-verification-title">
      <h2 id="domain-verification-title">Prove {page.customDomain} is yours</h2>
      <p className="field-hint">
        Create this TXT record in the domain's DNS, then verify. mcpulse checks it again every day while the
        page is served there; remove it and the page leaves the domain.
      </p>
      <RecordRow name="Name" text={verification.record} />
      <RecordRow name="Value" text={verification.value} />
      <p className="domain-verification-state" aria-live="polite">
        {verification.verifiedAt ? (
          <span className="badge badge-good">
            <span aria-hidden="true">● </span>Verified {formatDateTime(verification.verifiedAt)}
          </span>
        ) : (
          <span className="badge badge-warn">
            <span aria-hidden="true">● </span>Not verified
          </span>
        )}{' '}
        <button type="button" className="button" onClick={() => void verify()} disabled={checking}>
          {checking ? 'Verifying…' : 'Verify'}
        </button>
      </p>
      <ErrorBanner error={error} title="Not verified." />
      {page.domainAllowed ? null : (
        <p className="banner banner-warn">
          <AllowListNote domain={page.customDomain} />
        </p>
      )}
    </section>
  );
}
