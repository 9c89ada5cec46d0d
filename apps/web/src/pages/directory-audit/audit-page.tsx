import type { DirectoryAudit, DirectoryAuditBucket } from '@mcpulse/contract';
import { AUDIT_BUCKET_LABELS, AUDIT_BUCKETS, type DirectorySkipReason } from '@mcpulse/core/domain';
import {
  AUDIT_DAYS_CSV,
  AUDIT_ENDPOINTS_CSV,
  AUDIT_PATH,
  getDirectoryAudit,
} from '../../api/directory-audit-api.js';
import { EmptyState } from '../../components/empty-state.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { type ChartSeries, TimeSeriesChart } from '../../components/time-series-chart.js';
import { AUDIT_BUCKET_COLORS, auditShareColumns, auditWindow } from '../../lib/audit-series.js';
import { formatCount, formatDateTime, formatDay, formatPercent } from '../../lib/format.js';
import { describeProbeError } from '../../lib/probe-errors.js';
import { Link } from '../../lib/router.js';
import { useResource } from '../../lib/use-resource.js';

const SERIES_DAYS = 90;
const REFRESH_MS = 60_000;

const SKIP_WORDS: Record<DirectorySkipReason, string> = {
  template: 'URL template without defaults',
  invalid_url: 'invalid URL',
  blocked_address: 'private or local address',
  opted_out: 'opted out',
  retired: 'no longer listed',
};

/** In the order of the chart's columns (`auditShareColumns`). */
const CHART_SERIES: ChartSeries[] = AUDIT_BUCKETS.map((bucket) => ({
  label: AUDIT_BUCKET_LABELS[bucket],
  colorVar: AUDIT_BUCKET_COLORS[bucket],
}));

function ErrorCodes({ bucket, testId }: { bucket: DirectoryAuditBucket; testId?: string }) {
  if (bucket.errorCodes.length === 0 || bucket.bucket === 'mcp_up') return null;
  return (
    <ul className="audit-codes" data-testid={testId}>
      {bucket.errorCodes.map((code) => (
        <li key={code.errorCode} title={code.errorCode ? describeProbeError(code.errorCode) : undefined}>
          <code className="error-code">{code.errorCode || 'no error code'}</code>{' '}
          {formatCount(code.endpoints)} ({formatPercent(code.share, 1)})
        </li>
      ))}
    </ul>
  );
}

function Headline({ audit }: { audit: DirectoryAudit }) {
  const { headline, checked } = audit.now;
  return (
    <section className="section audit-headline" data-testid="audit-headline" aria-labelledby="headline-title">
      <h2 id="headline-title">{AUDIT_BUCKET_LABELS.http_alive_mcp_dead}</h2>
      <p className="audit-headline-figure">{formatPercent(headline.share, 1)}</p>
      <p>
        of the {formatCount(checked)} checked endpoints ({formatCount(headline.endpoints)}) answer HTTP while
        every MCP call fails: a plain HTTP monitor shows them green.
      </p>
      <ErrorCodes bucket={headline} testId="audit-headline-codes" />
    </section>
  );
}

function Buckets({ audit }: { audit: DirectoryAudit }) {
  const { now } = audit;
  return (
    <section className="section" aria-labelledby="now-title">
      <h2 id="now-title">Now</h2>
      <p className="page-sub">Each probed endpoint in the bucket of its latest check.</p>
      <table className="table" data-testid="audit-buckets">
        <thead>
          <tr>
            <th scope="col">Outcome</th>
            <th scope="col">Endpoints</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {now.buckets.map((bucket) => (
            <tr key={bucket.bucket} data-bucket={bucket.bucket}>
              <th scope="row">
                <span
                  className="swatch"
                  style={{ background: `var(${AUDIT_BUCKET_COLORS[bucket.bucket]})` }}
                />{' '}
                {AUDIT_BUCKET_LABELS[bucket.bucket]}
                <ErrorCodes bucket={bucket} />
              </th>
              <td className="numeric">{formatCount(bucket.endpoints)}</td>
              <td className="numeric">{formatPercent(bucket.share, 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="facts" data-testid="audit-counts">
        <div>
          <dt>Listed endpoints</dt>
          <dd>{formatCount(now.listed)}</dd>
        </div>
        <div>
          <dt>Probed</dt>
          <dd>{formatCount(now.probed)}</dd>
        </div>
        <div>
          <dt>Checked</dt>
          <dd>{formatCount(now.checked)}</dd>
        </div>
        <div>
          <dt>Awaiting a first check</dt>
          <dd>{formatCount(now.probed - now.checked)}</dd>
        </div>
        <div>
          <dt>Not probed</dt>
          <dd>
            {now.notProbed.length === 0
              ? 'none'
              : now.notProbed
                  .map(
                    (entry) => `${formatCount(entry.endpoints)} ${SKIP_WORDS[entry.reason] ?? entry.reason}`,
                  )
                  .join(', ')}
          </dd>
        </div>
      </dl>
    </section>
  );
}

function Series({ audit }: { audit: DirectoryAudit }) {
  const { days } = audit;
  return (
    <section className="section" aria-labelledby="series-title">
      <h2 id="series-title">Daily series</h2>
      <p className="page-sub">
        Each endpoint checked that UTC day, in the bucket of its last check of the day; the last {SERIES_DAYS}{' '}
        days.
      </p>
      {days.length === 0 ? (
        <p data-testid="audit-series-empty">No day has been recorded yet.</p>
      ) : (
        <>
          <TimeSeriesChart
            data={auditShareColumns(days)}
            series={CHART_SERIES}
            label={`Share of checked endpoints per outcome, per day, over ${days.length} days`}
            unit="%"
            window={auditWindow(days)}
          />
          <details className="advanced">
            <summary>The series as a table</summary>
            <table className="table" data-testid="audit-days">
              <thead>
                <tr>
                  <th scope="col">Day (UTC)</th>
                  <th scope="col">Checked</th>
                  <th scope="col">{AUDIT_BUCKET_LABELS.mcp_up}</th>
                  <th scope="col">{AUDIT_BUCKET_LABELS.http_alive_mcp_dead}</th>
                  <th scope="col">Other failures</th>
                </tr>
              </thead>
              <tbody>
                {[...days].reverse().map((day) => {
                  const share = (name: string) =>
                    day.buckets.find((bucket) => bucket.bucket === name)?.share ?? null;
                  const up = share('mcp_up');
                  const dead = share('http_alive_mcp_dead');
                  const other = up === null || dead === null ? null : Math.max(0, 1 - up - dead);
                  return (
                    <tr key={day.day} data-day={day.day}>
                      <th scope="row">{formatDay(`${day.day}T00:00:00Z`)}</th>
                      <td className="numeric">{formatCount(day.checked)}</td>
                      <td className="numeric">{formatPercent(up, 1)}</td>
                      <td className="numeric">{formatPercent(dead, 1)}</td>
                      <td className="numeric">{formatPercent(other, 1)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}

/** The public audit of the MCP directory (docs/directory.md, "Audit"). */
export function AuditPage() {
  const audit = useResource((signal) => getDirectoryAudit(SERIES_DAYS, signal), 'audit', REFRESH_MS);
  const data = audit.data;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>MCP directory audit</h1>
          <p className="page-sub">
            Every endpoint the public MCP registries list, checked with a real MCP handshake and tool listing.{' '}
            <Link to="/directory/about">What the probe sends, and how to opt out</Link>.
          </p>
        </div>
        <div className="actions" data-testid="audit-exports">
          <a className="button" href={AUDIT_ENDPOINTS_CSV} download>
            Endpoints CSV
          </a>
          <a className="button" href={`${AUDIT_DAYS_CSV}?days=366`} download>
            Daily series CSV
          </a>
          <a className="button button-quiet" href={`${AUDIT_PATH}?days=${SERIES_DAYS}`}>
            JSON
          </a>
        </div>
      </div>
      <ErrorBanner error={audit.error} title="The audit could not be loaded." />
      {data === undefined ? (
        audit.error ? null : (
          <p className="loading">Loading the audit…</p>
        )
      ) : data.now.checked === 0 && data.days.length === 0 ? (
        <EmptyState title="No directory endpoint has been checked yet">
          <p>
            This mcpulse reads the registries its operator lists in <code>MCPULSE_REGISTRY_URLS</code>; with
            none, it keeps no directory. Once endpoints are listed and checked, their outcomes show here.
          </p>
        </EmptyState>
      ) : (
        <>
          <p className="page-sub" data-testid="audit-as-of">
            As of {formatDateTime(data.asOf)}
          </p>
          <Headline audit={data} />
          <Buckets audit={data} />
          <Series audit={data} />
        </>
      )}
    </>
  );
}
