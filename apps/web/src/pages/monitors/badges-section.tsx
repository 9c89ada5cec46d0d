import type { Monitor } from '@mcpulse/contract';
import {
  BADGE_KINDS,
  BADGE_LABELS,
  BADGE_STYLES,
  type BadgeKind,
  type BadgeStyle,
} from '@mcpulse/core/domain';
import { useState } from 'react';
import { getBadgeSettings, setBadgeSettings } from '../../api/monitors-api.js';
import { CopyButton } from '../../components/copy-button.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { badgeSnippets } from '../../lib/badge-snippets.js';
import { useStatusPagesShowing } from '../../lib/status-pages-showing.js';
import { useResource } from '../../lib/use-resource.js';

const KIND_NAMES: Record<BadgeKind, string> = {
  status: 'Status',
  'uptime-24h': 'Uptime, 24 hours',
  'uptime-7d': 'Uptime, 7 days',
  'uptime-30d': 'Uptime, 30 days',
  'uptime-90d': 'Uptime, 90 days',
  p95: 'Latency p95, 24 hours',
  tools: 'Tool count',
  protocol: 'Protocol version',
};

function Snippet({ name, text }: { name: string; text: string }) {
  return (
    <div className="badge-snippet" data-snippet={name}>
      <h3>{name}</h3>
      <div className="secret-row">
        <code className="secret-value">{text}</code>
        <CopyButton text={text} name={name} />
      </div>
    </div>
  );
}

/** The owner's switch for public badges, and, once they are public, a preview and snippets to copy. */
export function BadgesSection({ monitor }: { monitor: Monitor }) {
  const settings = useResource((signal) => getBadgeSettings(monitor.id, signal), `badges:${monitor.id}`);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const [kind, setKind] = useState<BadgeKind>('status');
  const [style, setStyle] = useState<BadgeStyle>('flat');
  // What the owner just chose, shown at once; what the API last said otherwise.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const isPublic = chosen ?? settings.data?.public ?? false;

  const toggle = async (next: boolean) => {
    setSaving(true);
    setError(undefined);
    setChosen(next);
    try {
      await setBadgeSettings(monitor.id, { public: next });
    } catch (caught) {
      setChosen(null);
      setError(caught);
    } finally {
      setSaving(false);
      settings.reload();
    }
  };

  // A badge of a monitor on a status page links to that page (the first, when it is on several).
  const statusPage = useStatusPagesShowing(monitor.id)?.[0];
  const snippets = badgeSnippets(window.location.origin, monitor.id, kind, style, statusPage?.url);
  return (
    <section className="section" aria-labelledby="badges-title">
      <h2 id="badges-title">Badges</h2>
      <ErrorBanner error={error ?? settings.error} />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={isPublic}
          disabled={saving || !settings.data}
          onChange={(event) => void toggle(event.target.checked)}
        />
        Public badges: anyone with a badge's address sees this monitor's status, uptime, p95 latency, tool
        count and protocol version (never its URL or settings)
      </label>
      {isPublic ? (
        <>
          <div className="badge-choice">
            <span className="inline-select">
              <label htmlFor="badge-kind">Badge</label>
              <select
                id="badge-kind"
                value={kind}
                onChange={(event) => setKind(event.target.value as BadgeKind)}
              >
                {BADGE_KINDS.map((value) => (
                  <option key={value} value={value}>
                    {KIND_NAMES[value]}
                  </option>
                ))}
              </select>
            </span>
            <span className="inline-select">
              <label htmlFor="badge-style">Style</label>
              <select
                id="badge-style"
                value={style}
                onChange={(event) => setStyle(event.target.value as BadgeStyle)}
              >
                {BADGE_STYLES.map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </select>
            </span>
          </div>
          <p className="badge-preview">
            <img src={snippets.imageUrl} alt={BADGE_LABELS[kind]} data-testid="badge-preview" />
          </p>
          {statusPage ? (
            <p className="field-hint" data-testid="badge-link-hint">
              The Markdown and HTML badges link to the status page “{statusPage.title}”.
            </p>
          ) : null}
          <Snippet name="Markdown" text={snippets.markdown} />
          <Snippet name="HTML" text={snippets.html} />
          <Snippet name="shields.io endpoint (Markdown)" text={snippets.shieldsMarkdown} />
          <p className="field-hint">
            Whoever shows a badge may keep it for a minute. Turned off, badges answer 404 within seconds, like
            a monitor that does not exist.
          </p>
        </>
      ) : (
        <p className="muted">Badges are private: their addresses answer 404 until you make them public.</p>
      )}
    </section>
  );
}
