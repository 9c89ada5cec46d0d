import type { OAuthConnectStarted } from '@mcpulse/contract';
import {
  OAUTH_CLIENT_AUTH_METHODS,
  OAUTH_CLIENT_REGISTRATION_LABELS,
  type OAuthClientAuthMethod,
} from '@mcpulse/core/domain';
import {
  AUTHENTICATION_CHOICES,
  AUTHENTICATION_LABELS,
  type AuthenticationChoice,
  type ConnectForm,
  type ConnectionShown,
  type HeaderEntry,
  MASKED_VALUE,
  type OAuthForm,
} from '../lib/monitor-form.js';
import { Field, TextField } from './field.js';
import { HeadersEditor } from './headers-editor.js';
import { OAuthConnectButton } from './oauth-connect-button.js';

const METHOD_LABELS: Record<OAuthClientAuthMethod, string> = {
  client_secret_basic: 'Client secret, HTTP Basic (client_secret_basic)',
  client_secret_post: 'Client secret in the form (client_secret_post)',
  private_key_jwt: 'Signed JWT with a private key (private_key_jwt)',
};

interface AuthenticationSectionProps {
  authentication: AuthenticationChoice;
  headers: HeaderEntry[];
  oauth: OAuthForm;
  connect: ConnectForm;
  errors: Record<string, string>;
  onAuthentication(choice: AuthenticationChoice): void;
  onHeaders(headers: HeaderEntry[]): void;
  onOAuth(oauth: OAuthForm): void;
  onConnect(connect: ConnectForm): void;
  /** Starts "Connect with OAuth" for the form's settings. */
  startConnection(): Promise<OAuthConnectStarted>;
  onConnectionError(error: unknown): void;
}

function describeConnection(connection: ConnectionShown): string {
  return `${connection.issuer}, client ${connection.clientId} (${OAUTH_CLIENT_REGISTRATION_LABELS[connection.registration]})`;
}

/** "Connect with OAuth": the sign-in kept as a refresh token, and the optional client to sign in with. */
function ConnectFields(props: AuthenticationSectionProps) {
  const { connect, errors } = props;
  const set = <K extends keyof ConnectForm>(key: K, value: ConnectForm[K]) =>
    props.onConnect({ ...connect, [key]: value });
  const shown = connect.made ?? connect.saved;
  return (
    <>
      <p className="field-hint">
        Sign in once, in your browser, with the authorization server the MCP server names: the monitor keeps
        the refresh token (encrypted) and each check gets its access token with it.
      </p>
      {shown ? (
        <p className="oauth-connected" data-testid="oauth-connected">
          <span className="tag">Connected (OAuth)</span> {describeConnection(shown)}
          {connect.made ? ' — saved with the monitor' : null}
        </p>
      ) : null}
      <TextField
        id="connect.clientId"
        label="Client ID (optional)"
        value={connect.clientId}
        onValue={(value) => set('clientId', value)}
        error={errors['connect.clientId'] ?? errors.clientId}
        hint="A client registered with the authorization server beforehand; without one, mcpulse registers itself."
        spellCheck={false}
        autoComplete="off"
      />
      <TextField
        id="connect.clientSecret"
        label="Client secret (optional)"
        type="password"
        value={connect.clientSecret}
        onValue={(value) => set('clientSecret', value)}
        error={errors['connect.clientSecret'] ?? errors.clientSecret}
        autoComplete="off"
      />
      <TextField
        id="connect.scope"
        label="Scope (optional)"
        value={connect.scope}
        onValue={(value) => set('scope', value)}
        error={errors['connect.scope'] ?? errors.scope}
        hint="Space-separated; the scopes the server asks for are added."
        spellCheck={false}
      />
      <OAuthConnectButton
        label={shown ? 'Reconnect' : 'Connect with OAuth'}
        start={props.startConnection}
        onError={props.onConnectionError}
        onDone={(state) => {
          if (state.status === 'connected' && state.connection)
            props.onConnect({ ...connect, made: { id: state.id, ...state.connection } });
        }}
      />
      {errors.oauthConnection ? (
        <p className="field-error" id="oauthConnection-error">
          <span aria-hidden="true">⚠ </span>
          {errors.oauthConnection}
        </p>
      ) : null}
    </>
  );
}

/** How the checks authenticate: none, the monitor's own headers, OAuth client credentials, or an OAuth connection. */
export function AuthenticationSection(props: AuthenticationSectionProps) {
  const { authentication, oauth, errors } = props;
  const set = <K extends keyof OAuthForm>(key: K, value: OAuthForm[K]) =>
    props.onOAuth({ ...oauth, [key]: value });
  const jwt = oauth.authMethod === 'private_key_jwt';
  return (
    <fieldset className="fieldset authentication">
      <legend>Authentication</legend>
      <div className="checkbox-row" role="radiogroup" aria-label="Authentication">
        {AUTHENTICATION_CHOICES.map((choice) => (
          <label key={choice} className="checkbox">
            <input
              type="radio"
              name="authentication"
              value={choice}
              checked={authentication === choice}
              onChange={() => props.onAuthentication(choice)}
            />
            {AUTHENTICATION_LABELS[choice]}
          </label>
        ))}
      </div>
      {authentication === 'none' ? (
        <p className="field-hint">
          A server that asks for OAuth is still checked: its discovery must work for it to be up (auth
          discovery).
        </p>
      ) : null}
      {authentication === 'oauth' ? (
        <>
          <p className="field-hint">
            Each check gets a token from the authorization server the MCP server names, with these
            credentials. The secret or key is stored encrypted and never shown again.
          </p>
          <TextField
            id="oauth.clientId"
            label="Client ID"
            value={oauth.clientId}
            onValue={(value) => set('clientId', value)}
            error={errors['oauth.clientId']}
            spellCheck={false}
            autoComplete="off"
          />
          <Field id="oauth.authMethod" label="Client authentication" error={errors['oauth.authMethod']}>
            {(describedBy) => (
              <select
                id="oauth.authMethod"
                value={oauth.authMethod}
                onChange={(event) => set('authMethod', event.target.value as OAuthClientAuthMethod)}
                aria-describedby={describedBy}
              >
                {OAUTH_CLIENT_AUTH_METHODS.map((method) => (
                  <option key={method} value={method}>
                    {METHOD_LABELS[method]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {jwt ? (
            <Field
              id="oauth.privateKey"
              label="Private key (PEM)"
              error={errors['oauth.privateKey']}
              hint={
                oauth.privateKey === MASKED_VALUE
                  ? 'Saved; paste a new key to replace it.'
                  : 'RSA or EC P-256'
              }
            >
              {(describedBy, invalid) => (
                <textarea
                  id="oauth.privateKey"
                  rows={oauth.privateKey === MASKED_VALUE ? 1 : 6}
                  value={oauth.privateKey}
                  onChange={(event) => set('privateKey', event.target.value)}
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  spellCheck={false}
                  autoComplete="off"
                />
              )}
            </Field>
          ) : (
            <TextField
              id="oauth.clientSecret"
              label="Client secret"
              type="password"
              value={oauth.clientSecret}
              onValue={(value) => set('clientSecret', value)}
              error={errors['oauth.clientSecret']}
              hint={
                oauth.clientSecret === MASKED_VALUE ? 'Saved; type a new secret to replace it.' : undefined
              }
              autoComplete="off"
            />
          )}
          <TextField
            id="oauth.scope"
            label="Scope (optional)"
            value={oauth.scope}
            onValue={(value) => set('scope', value)}
            error={errors['oauth.scope']}
            hint="Space-separated; a scope the server's challenge asks for is added."
            spellCheck={false}
          />
          <TextField
            id="oauth.issuer"
            label="Authorization server (optional)"
            type="url"
            inputMode="url"
            value={oauth.issuer}
            onValue={(value) => set('issuer', value)}
            error={errors['oauth.issuer']}
            hint="The issuer these credentials belong to. When set, they are never sent to another one, whatever the server names."
            placeholder="https://auth.example.com"
            spellCheck={false}
          />
        </>
      ) : null}
      {authentication === 'connect' ? <ConnectFields {...props} /> : null}
      {authentication !== 'none' ? (
        <HeadersEditor headers={props.headers} onChange={props.onHeaders} errors={errors} />
      ) : null}
    </fieldset>
  );
}
