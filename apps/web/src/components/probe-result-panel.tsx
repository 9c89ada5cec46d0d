import type { ProbeResult, StoredResult } from '@mcpulse/contract';
import { describeEra } from '../lib/eras.js';
import { formatMs } from '../lib/format.js';
import { PHASES } from '../lib/latency-series.js';
import { describePhase, describeProbeError } from '../lib/probe-errors.js';
import { RENDER_LIMITS } from '../lib/render-limits.js';
import { AuthSummary } from './auth-summary.js';
import { ClippedText } from './clipped-text.js';
import { StatusBadge } from './status-badge.js';

/**
 * The error of a failed check: the code, what it means in plain words, and the server's own message.
 * A probe run now leaves out what it did not see; a stored result says null, and may carry a code of
 * a newer probe.
 */
export function ProbeErrorText({
  error,
  httpAlive,
}: {
  error: NonNullable<ProbeResult['error'] | StoredResult['error']>;
  httpAlive: boolean;
}) {
  const phase = describePhase(error.phase);
  return (
    <div className="probe-error">
      <p className="probe-error-words">{describeProbeError(error.code)}</p>
      <p className="probe-error-detail">
        <code className="error-code">{error.code}</code>
        {phase ? ` while ${phase}` : ''}
        {error.httpStatus ? ` · HTTP ${error.httpStatus}` : ''}
        {error.rpcCode !== undefined && error.rpcCode !== null ? ` · JSON-RPC ${error.rpcCode}` : ''}
        {error.message ? (
          <span className="probe-error-message">
            {' · '}
            <ClippedText text={error.message} max={RENDER_LIMITS.messageChars} />
          </span>
        ) : null}
      </p>
      {httpAlive ? (
        <p className="probe-error-note">
          The endpoint answers HTTP, so a plain HTTP monitor would call it up; MCP does not work.
        </p>
      ) : null}
    </div>
  );
}

/** The timings of one check as a bar of its phases, each labelled; they add up to the total. */
export function TimingBar({ timings }: { timings: ProbeResult['timings'] }) {
  const parts = PHASES.map((phase) => ({ ...phase, ms: timings[phase.key] })).filter(
    (part): part is typeof part & { ms: number } => part.ms !== null && part.ms > 0,
  );
  const sum = parts.reduce((total, part) => total + part.ms, 0) || 1;
  return (
    <div className="timing">
      <div className="timing-bar" aria-hidden="true">
        {parts.map((part) => (
          <span
            key={part.key}
            className={`timing-part phase-${part.tone}`}
            style={{ width: `${(part.ms / sum) * 100}%` }}
          />
        ))}
      </div>
      <dl className="timing-legend">
        {parts.map((part) => (
          <div key={part.key}>
            <dt>
              <span className={`swatch phase-${part.tone}`} aria-hidden="true" />
              {part.label}
            </dt>
            <dd>{formatMs(part.ms)}</dd>
          </div>
        ))}
        <div>
          <dt>Total</dt>
          <dd>{formatMs(timings.totalMs)}</dd>
        </div>
      </dl>
    </div>
  );
}

/** One probe, as "Test connection" and "Check now" show it. */
export function ProbeResultPanel({
  result,
  title = 'Connection test',
}: {
  result: ProbeResult;
  title?: string;
}) {
  const era = describeEra(result.era);
  const server = result.serverInfo?.name
    ? `${result.serverInfo.name}${result.serverInfo.version ? ` ${result.serverInfo.version}` : ''}`
    : null;
  return (
    <section className={`probe-result probe-${result.status}`} aria-live="polite" data-testid="probe-result">
      <header className="probe-result-head">
        <h3>{title}</h3>
        <StatusBadge status={result.status} />
      </header>
      {result.error ? <ProbeErrorText error={result.error} httpAlive={result.httpAlive} /> : null}
      {result.auth ? <AuthSummary auth={result.auth} /> : null}
      {result.status !== 'down' ? (
        <dl className="facts">
          <div>
            <dt>Server</dt>
            <dd>{server ? <ClippedText text={server} max={RENDER_LIMITS.nameChars} /> : 'unnamed'}</dd>
          </div>
          <div>
            <dt>Protocol</dt>
            <dd>
              {result.protocolVersion ?? '—'}{' '}
              {era ? (
                <>
                  <span className="tag">{era.label}</span>
                  <span className="era-note">{era.explanation}</span>
                </>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>Transport</dt>
            <dd>{result.transport ?? '—'}</dd>
          </div>
          <div>
            <dt>Tools</dt>
            <dd>{result.toolCount ?? '—'}</dd>
          </div>
        </dl>
      ) : null}
      <TimingBar timings={result.timings} />
    </section>
  );
}
