import type { OAuthConnectionState, OAuthConnectStarted } from '@mcpulse/contract';
import { useEffect, useRef, useState } from 'react';
import { getConnection } from '../api/oauth-api.js';

/** How often the page asks whether the browser came back from the authorization server. */
const POLL_MS = 2_000;

type Phase =
  | { kind: 'idle' }
  | { kind: 'starting' }
  | { kind: 'waiting'; id: string; url: string }
  | { kind: 'done'; state: OAuthConnectionState };

interface OAuthConnectButtonProps {
  label: string;
  /** Starts the connection on the server: the authorization URL to open. */
  start(): Promise<OAuthConnectStarted>;
  /** The sign-in ended, connected or failed. */
  onDone(state: OAuthConnectionState): void;
  /** Starting was refused (a field, the server's discovery): the caller shows it. */
  onError(error: unknown): void;
}

/**
 * "Connect with OAuth": opens the authorization server's sign-in in a new tab and waits for the
 * redirect to come back to mcpulse, asking the API where the connection stands.
 */
export function OAuthConnectButton({ label, start, onDone, onError }: OAuthConnectButtonProps) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const done = useRef(onDone);
  done.current = onDone;

  useEffect(() => {
    if (phase.kind !== 'waiting') return;
    const controller = new AbortController();
    const timer = setInterval(() => {
      getConnection(phase.id, controller.signal).then(
        (state) => {
          if (state.status === 'pending') return;
          setPhase({ kind: 'done', state });
          done.current(state);
        },
        () => {},
      );
    }, POLL_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [phase]);

  const click = async () => {
    // Opened while the click still counts as the person's, so no pop-up blocker stops it; the
    // sign-in page gets no handle on this one.
    const tab = window.open('about:blank', '_blank');
    if (tab) tab.opener = null;
    setPhase({ kind: 'starting' });
    try {
      const started = await start();
      if (tab) tab.location.href = started.authorizationUrl;
      setPhase({ kind: 'waiting', id: started.connectionId, url: started.authorizationUrl });
    } catch (error) {
      tab?.close();
      setPhase({ kind: 'idle' });
      onError(error);
    }
  };

  return (
    <div className="oauth-connect">
      <button
        type="button"
        className="button"
        onClick={() => void click()}
        disabled={phase.kind === 'starting' || phase.kind === 'waiting'}
      >
        {phase.kind === 'starting' ? 'Starting…' : label}
      </button>
      {phase.kind === 'waiting' ? (
        <p className="field-hint" role="status">
          Waiting for the sign-in to finish in the other tab.{' '}
          <a href={phase.url} target="_blank" rel="noopener noreferrer">
            Open the sign-in page
          </a>{' '}
          if no tab opened.
        </p>
      ) : null}
      {phase.kind === 'done' && phase.state.status === 'failed' ? (
        <p className="field-error" role="alert">
          <span aria-hidden="true">⚠ </span>
          The sign-in failed: {phase.state.failure ?? 'no reason given'}
        </p>
      ) : null}
    </div>
  );
}
