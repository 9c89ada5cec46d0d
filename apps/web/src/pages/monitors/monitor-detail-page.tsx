import type { Monitor, ProbeResult } from '@mcpulse/contract';
import { useState } from 'react';
import {
  checkMonitor,
  deleteMonitor,
  getMonitor,
  pauseMonitor,
  resumeMonitor,
} from '../../api/monitors-api.js';
import { ConfirmButton } from '../../components/confirm-button.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { ProbeResultPanel } from '../../components/probe-result-panel.js';
import { SectionBoundary } from '../../components/section-boundary.js';
import { StatusBadge } from '../../components/status-badge.js';
import { useAccount } from '../../lib/account-context.js';
import { formatAgo, formatDuration, formatInterval } from '../../lib/format.js';
import { Link, useRouter } from '../../lib/router.js';
import { statusLook } from '../../lib/status.js';
import { useNow, useResource } from '../../lib/use-resource.js';
import { BadgesSection } from './badges-section.js';
import { CanarySummary } from './canary-summary.js';
import { ChangesSection } from './changes-section.js';
import { IncidentsSection } from './incidents-section.js';
import { LatencySection } from './latency-section.js';
import { MaintenanceSection } from './maintenance-section.js';
import { OAuthConnectionSummary, OAuthOutcome } from './oauth-connection-summary.js';
import { RegionStatusSection } from './region-status-section.js';
import { ToolsSection } from './tools-section.js';
import { UptimeSection } from './uptime-section.js';

const REFRESH_MS = 10_000;

export function MonitorDetailPage({ monitorId }: { monitorId: string }) {
  const monitor = useResource((signal) => getMonitor(monitorId, signal), `monitor:${monitorId}`, REFRESH_MS);
  if (!monitor.data) {
    return monitor.error ? (
      <>
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link to="/">Monitors</Link>
        </nav>
        <ErrorBanner error={monitor.error} title="Could not load this monitor." />
      </>
    ) : (
      <p className="loading">Loading…</p>
    );
  }
  return <MonitorDetail monitor={monitor.data} reload={monitor.reload} />;
}

function MonitorDetail({ monitor, reload }: { monitor: Monitor; reload(): void }) {
  const { navigate } = useRouter();
  const { refreshAccount } = useAccount();
  const now = useNow();
  const [checking, setChecking] = useState(false);
  const [check, setCheck] = useState<ProbeResult | null>(null);
  const [actionError, setActionError] = useState<unknown>();

  const act = async (action: () => Promise<unknown>) => {
    setActionError(undefined);
    try {
      await action();
      reload();
    } catch (error) {
      setActionError(error);
    }
  };

  const checkNow = async () => {
    setChecking(true);
    setCheck(null);
    await act(async () => setCheck(await checkMonitor(monitor.id)));
    setChecking(false);
  };

  const remove = async () => {
    try {
      await deleteMonitor(monitor.id);
      refreshAccount();
      navigate('/', { replace: true });
    } catch (error) {
      setActionError(error);
    }
  };

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Monitors</Link>
      </nav>
      <div className="page-head detail-head">
        <div>
          <h1 className="detail-title">
            {monitor.name} <StatusBadge status={monitor.status} size="lg" />
          </h1>
          <p className="page-sub">
            <span className="monitor-url">{monitor.url}</span>
            <br />
            {statusLook(monitor.status).label} for {formatDuration(now - Date.parse(monitor.statusSince))} ·{' '}
            checked {formatInterval(monitor.intervalSeconds)} from {monitor.regions.join(', ')} · last check{' '}
            {formatAgo(monitor.lastCheckedAt, now)}
            {monitor.oauth ? (
              <>
                {' '}
                · OAuth client <code>{monitor.oauth.clientId}</code>
              </>
            ) : null}
          </p>
        </div>
        <div className="actions">
          <button type="button" className="button" onClick={() => void checkNow()} disabled={checking}>
            {checking ? 'Checking…' : 'Check now'}
          </button>
          {monitor.paused ? (
            <button
              type="button"
              className="button"
              onClick={() => void act(() => resumeMonitor(monitor.id))}
            >
              Resume
            </button>
          ) : (
            <button type="button" className="button" onClick={() => void act(() => pauseMonitor(monitor.id))}>
              Pause
            </button>
          )}
          <Link to={`/monitors/${monitor.id}/edit`} className="button">
            Edit
          </Link>
          <ConfirmButton
            label="Delete"
            title={`Delete ${monitor.name}?`}
            confirmLabel="Delete monitor"
            onConfirm={remove}
          >
            <p>
              This deletes the monitor with all its results, incidents and schema history. Webhooks stop
              receiving its events. This cannot be undone.
            </p>
          </ConfirmButton>
        </div>
      </div>
      <ErrorBanner error={actionError} />
      <OAuthOutcome />
      <OAuthConnectionSummary monitor={monitor} reload={reload} />
      {check ? <ProbeResultPanel result={check} title="Check now" /> : null}
      <CanarySummary monitor={monitor} />
      <SectionBoundary title="Status by region">
        <RegionStatusSection monitor={monitor} />
      </SectionBoundary>
      <SectionBoundary title="Uptime">
        <UptimeSection monitor={monitor} />
      </SectionBoundary>
      <SectionBoundary title="Latency">
        <LatencySection monitor={monitor} />
      </SectionBoundary>
      <SectionBoundary title="Incidents">
        <IncidentsSection monitor={monitor} />
      </SectionBoundary>
      <SectionBoundary title="Maintenance">
        <MaintenanceSection monitor={monitor} />
      </SectionBoundary>
      <SectionBoundary title="Schema drift">
        <ChangesSection monitor={monitor} />
      </SectionBoundary>
      <SectionBoundary title="Tools">
        <ToolsSection monitor={monitor} />
      </SectionBoundary>
      <SectionBoundary title="Badges">
        <BadgesSection monitor={monitor} />
      </SectionBoundary>
    </>
  );
}
