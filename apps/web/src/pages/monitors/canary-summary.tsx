import type { Monitor } from '@mcpulse/contract';
import { compactJson } from '../../lib/bounded-json.js';
import { boundText } from '../../lib/bounded-text.js';
import { formatMs } from '../../lib/format.js';
import { RENDER_LIMITS } from '../../lib/render-limits.js';

const ARGUMENT_CHARS = 300;

function cut(text: string, max: number): string {
  const bounded = boundText(text, max);
  return bounded.cut > 0 ? `${bounded.text}…` : bounded.text;
}

/** What the monitor's tool-call canary calls and expects; its timing and failures show with each check. */
export function CanarySummary({ monitor }: { monitor: Monitor }) {
  const canary = monitor.canary;
  if (!canary) return null;
  const expect = canary.expect;
  return (
    <section className="section canary-summary" aria-labelledby="canary-title" data-testid="canary-summary">
      <h2 id="canary-title">Tool-call canary</h2>
      <p>
        Every check calls <code>{cut(canary.tool, RENDER_LIMITS.nameChars)}</code> with{' '}
        <code>{compactJson(canary.arguments, ARGUMENT_CHARS)}</code>
        {expect?.kind === 'contains' ? (
          <>
            {' '}
            and expects its result to contain <code>{cut(expect.text, ARGUMENT_CHARS)}</code>
          </>
        ) : null}
        {expect?.kind === 'json_path' ? (
          <>
            {' '}
            and expects <code>{cut(expect.path, RENDER_LIMITS.nameChars)}</code> to equal{' '}
            <code>{compactJson(expect.equals, ARGUMENT_CHARS)}</code>
          </>
        ) : null}
        {canary.timeoutMs !== null ? `, within ${formatMs(canary.timeoutMs)}` : ''}. A failed call or an unmet
        expectation makes the check down; the call&apos;s time is the “Tool call” part of each check.
      </p>
      {canary.confirmedNoSideEffects ? (
        <p className="muted">The owner confirmed this call has no side effects.</p>
      ) : null}
    </section>
  );
}
