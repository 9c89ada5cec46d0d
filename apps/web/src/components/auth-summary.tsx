import { type AuthBlock, describeAuth } from '../lib/auth-words.js';
import { RENDER_LIMITS } from '../lib/render-limits.js';
import { ClippedText } from './clipped-text.js';

/** How a check met the server's OAuth: the mode, the authorization server and scopes found, what failed. */
export function AuthSummary({ auth }: { auth: AuthBlock }) {
  const words = describeAuth(auth);
  const server = auth.issuer ?? auth.authorizationServers[0] ?? null;
  return (
    <div className="auth-summary" data-testid="auth-summary">
      <p>
        <span className="tag">{words.label}</span> {words.explanation}
      </p>
      <dl className="facts">
        {server ? (
          <div>
            <dt>Authorization server</dt>
            <dd>
              <ClippedText text={server} max={RENDER_LIMITS.nameChars} />
            </dd>
          </div>
        ) : null}
        {auth.resourceMetadataUrl ? (
          <div>
            <dt>Resource metadata</dt>
            <dd>
              <ClippedText text={auth.resourceMetadataUrl} max={RENDER_LIMITS.nameChars} />
            </dd>
          </div>
        ) : null}
        {auth.scopesSupported.length > 0 ? (
          <div>
            <dt>Scopes</dt>
            <dd>
              <ClippedText text={auth.scopesSupported.join(' ')} max={RENDER_LIMITS.messageChars} />
            </dd>
          </div>
        ) : null}
      </dl>
      {words.failure ? (
        <p className="probe-error-detail">
          {words.failure}
          {auth.reason ? (
            <>
              {' '}
              <ClippedText text={auth.reason} max={RENDER_LIMITS.messageChars} />
            </>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
