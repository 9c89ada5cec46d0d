import type { ConnectSettingsBody, CreateMonitorBody, Monitor, TestConnectionBody } from '@mcpulse/contract';
import {
  MASKED_HEADER_VALUE,
  MONITOR_DEFAULTS,
  MONITOR_LIMITS,
  type OAuthClientAuthMethod,
  type OAuthClientRegistration,
  type TransportPreference,
} from '@mcpulse/core/domain';
import { type CanaryForm, canaryBody, canaryFormOf, NO_CANARY } from './canary-form.js';

/** What a header value reads as once saved; sent back unchanged it keeps the saved value. */
export const MASKED_VALUE = MASKED_HEADER_VALUE;

export interface HeaderEntry {
  name: string;
  value: string;
}

/**
 * How the checks authenticate: nothing, the monitor's own headers, OAuth client credentials, or
 * a person's OAuth sign-in kept as a refresh token ("Connect with OAuth").
 */
export const AUTHENTICATION_CHOICES = ['none', 'headers', 'oauth', 'connect'] as const;
export type AuthenticationChoice = (typeof AUTHENTICATION_CHOICES)[number];

export const AUTHENTICATION_LABELS: Record<AuthenticationChoice, string> = {
  none: 'None',
  headers: 'Headers',
  oauth: 'OAuth client credentials',
  connect: 'Connect with OAuth',
};

/** An OAuth connection as the form shows it: the authorization server and the client signed in with. */
export interface ConnectionShown {
  issuer: string;
  clientId: string;
  registration: OAuthClientRegistration;
}

/**
 * "Connect with OAuth" as typed: an optional pre-registered client and scope for the next sign-in,
 * the connection made in this form (saved with the monitor), and the one the monitor already has.
 */
export interface ConnectForm {
  clientId: string;
  clientSecret: string;
  scope: string;
  /** The id of a connection made in this form, and what it is; null until one is made. */
  made: (ConnectionShown & { id: string }) | null;
  /** The monitor's saved connection; null for none. */
  saved: ConnectionShown | null;
}

export const NEW_CONNECT: ConnectForm = {
  clientId: '',
  clientSecret: '',
  scope: '',
  made: null,
  saved: null,
};

/** The OAuth client as typed; a saved secret or key reads as the mask and stays as saved unless retyped. */
export interface OAuthForm {
  clientId: string;
  authMethod: OAuthClientAuthMethod;
  clientSecret: string;
  privateKey: string;
  scope: string;
  /** The authorization server the credentials are only ever sent to; empty for the one the server names. */
  issuer: string;
}

export const NEW_OAUTH: OAuthForm = {
  clientId: '',
  authMethod: 'client_secret_basic',
  clientSecret: '',
  privateKey: '',
  scope: '',
  issuer: '',
};

/** The add/edit form as typed: numbers stay text until submitted, so a half-typed value is not lost. */
export interface MonitorForm {
  name: string;
  url: string;
  transport: TransportPreference;
  authentication: AuthenticationChoice;
  headers: HeaderEntry[];
  oauth: OAuthForm;
  connect: ConnectForm;
  /** Empty means every region of the deployment. */
  regions: string[];
  intervalSeconds: string;
  timeoutMs: string;
  degradedThresholdMs: string;
  confirmations: string;
  regionQuorum: string;
  isPublic: boolean;
  canary: CanaryForm;
}

export type FieldErrors = Record<string, string>;

export const NEW_MONITOR: MonitorForm = {
  name: '',
  url: '',
  transport: MONITOR_DEFAULTS.transport,
  authentication: 'none',
  headers: [],
  oauth: NEW_OAUTH,
  connect: NEW_CONNECT,
  regions: [],
  intervalSeconds: String(MONITOR_DEFAULTS.intervalSeconds),
  timeoutMs: String(MONITOR_DEFAULTS.timeoutMs),
  degradedThresholdMs: String(MONITOR_DEFAULTS.degradedThresholdMs),
  confirmations: String(MONITOR_DEFAULTS.confirmations),
  regionQuorum: MONITOR_DEFAULTS.regionQuorum === null ? '' : String(MONITOR_DEFAULTS.regionQuorum),
  isPublic: MONITOR_DEFAULTS.isPublic,
  canary: NO_CANARY,
};

export function formOf(monitor: Monitor): MonitorForm {
  return {
    name: monitor.name,
    url: monitor.url,
    transport: monitor.transport,
    authentication: monitor.oauthConnection
      ? 'connect'
      : monitor.oauth
        ? 'oauth'
        : Object.keys(monitor.headers).length > 0
          ? 'headers'
          : 'none',
    headers: Object.keys(monitor.headers).map((name) => ({ name, value: MASKED_VALUE })),
    oauth: monitor.oauth
      ? {
          clientId: monitor.oauth.clientId,
          authMethod: monitor.oauth.authMethod,
          clientSecret: monitor.oauth.clientSecret ?? '',
          privateKey: monitor.oauth.privateKey ?? '',
          scope: monitor.oauth.scope ?? '',
          issuer: monitor.oauth.issuer ?? '',
        }
      : NEW_OAUTH,
    connect: {
      ...NEW_CONNECT,
      saved: monitor.oauthConnection
        ? {
            issuer: monitor.oauthConnection.issuer,
            clientId: monitor.oauthConnection.clientId,
            registration: monitor.oauthConnection.registration,
          }
        : null,
    },
    regions: monitor.regions,
    intervalSeconds: String(monitor.intervalSeconds),
    timeoutMs: String(monitor.timeoutMs),
    degradedThresholdMs: String(monitor.degradedThresholdMs),
    confirmations: String(monitor.confirmations),
    regionQuorum: monitor.regionQuorum === null ? '' : String(monitor.regionQuorum),
    isPublic: monitor.isPublic,
    canary: canaryFormOf(monitor.canary),
  };
}

function urlProblem(text: string): string | null {
  if (!text.trim()) return 'Enter the URL of your MCP endpoint, e.g. https://example.com/mcp';
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Use an http:// or https:// URL';
    if (url.username || url.password) return 'Put credentials in an Authorization header, not in the URL';
  } catch {
    return 'This is not a complete URL: it needs https:// and a host name';
  }
  return null;
}

function integer(
  text: string,
  { min, max }: { min: number; max: number },
  unit: string,
  errors: FieldErrors,
  field: string,
) {
  const value = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isInteger(value)) {
    errors[field] = 'Enter a whole number';
    return undefined;
  }
  if (value < min || value > max) {
    errors[field] = `Between ${min} and ${max} ${unit}`.trim();
    return undefined;
  }
  return value;
}

/** The OAuth client to send, or the errors of its fields (`oauth.<field>`, as the API names them). */
function oauthOf(
  form: MonitorForm,
  headers: Record<string, string>,
  errors: FieldErrors,
): NonNullable<CreateMonitorBody['oauth']> | null {
  if (form.authentication !== 'oauth') return null;
  const { oauth } = form;
  if (!oauth.clientId.trim())
    errors['oauth.clientId'] = 'Enter the client ID the authorization server gave you';
  const jwt = oauth.authMethod === 'private_key_jwt';
  if (jwt && !oauth.privateKey.trim())
    errors['oauth.privateKey'] = 'Paste the PEM private key (RSA or EC P-256)';
  if (!jwt && !oauth.clientSecret) errors['oauth.clientSecret'] = 'Enter the client secret';
  const authorization = Object.keys(headers).find((name) => name.toLowerCase() === 'authorization');
  if (authorization)
    errors[`headers.${authorization}`] = 'OAuth sets the Authorization header itself: remove this one';
  return {
    clientId: oauth.clientId.trim(),
    authMethod: oauth.authMethod,
    ...(jwt ? { privateKey: oauth.privateKey.trim() } : { clientSecret: oauth.clientSecret }),
    ...(oauth.scope.trim() ? { scope: oauth.scope.trim().replace(/\s+/g, ' ') } : {}),
    ...(oauth.issuer.trim() ? { issuer: oauth.issuer.trim() } : {}),
  };
}

/**
 * The connection to save: the one made in this form, nothing to keep the saved one, null to drop
 * the saved one when another way to authenticate is chosen.
 */
function connectionOf(
  form: MonitorForm,
  headers: Record<string, string>,
  errors: FieldErrors,
): { oauthConnection?: string | null } {
  if (form.authentication !== 'connect') return form.connect.saved ? { oauthConnection: null } : {};
  const authorization = Object.keys(headers).find((name) => name.toLowerCase() === 'authorization');
  if (authorization)
    errors[`headers.${authorization}`] = 'OAuth sets the Authorization header itself: remove this one';
  if (form.connect.made) return { oauthConnection: form.connect.made.id };
  if (!form.connect.saved) errors.oauthConnection = 'Connect with OAuth first: the button opens the sign-in';
  return {};
}

/** The body of "Connect with OAuth" for this form: where to sign in, and the client to sign in with. */
export function connectBody(form: MonitorForm): { body: ConnectSettingsBody; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const url = urlProblem(form.url);
  if (url) errors.url = url;
  const headers = headersOf(form, errors);
  const { clientId, clientSecret, scope } = form.connect;
  if (clientSecret && !clientId.trim()) errors['connect.clientId'] = 'A client secret needs its client ID';
  return {
    body: {
      url: form.url.trim(),
      transport: form.transport,
      headers,
      ...(clientId.trim() ? { clientId: clientId.trim() } : {}),
      ...(clientSecret ? { clientSecret } : {}),
      ...(scope.trim() ? { scope: scope.trim().replace(/\s+/g, ' ') } : {}),
    },
    errors,
  };
}

function headersOf(form: MonitorForm, errors: FieldErrors): Record<string, string> {
  const headers: Record<string, string> = {};
  if (form.authentication === 'none') return headers;
  const seen = new Set<string>();
  for (const header of form.headers) {
    const name = header.name.trim();
    if (!name && !header.value) continue;
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      errors[`headers.${name || '(empty)'}`] =
        'Header names are letters, digits and dashes, like Authorization';
      continue;
    }
    if (seen.has(name.toLowerCase())) errors[`headers.${name}`] = 'This header is given twice';
    seen.add(name.toLowerCase());
    headers[name] = header.value;
  }
  return headers;
}

/** The probe settings shared by saving and by "Test connection". */
function probeSettings(form: MonitorForm, errors: FieldErrors) {
  const url = urlProblem(form.url);
  if (url) errors.url = url;
  const timeoutMs = integer(form.timeoutMs, MONITOR_LIMITS.timeoutMs, 'ms', errors, 'timeoutMs');
  const degradedThresholdMs = integer(
    form.degradedThresholdMs,
    MONITOR_LIMITS.degradedThresholdMs,
    'ms',
    errors,
    'degradedThresholdMs',
  );
  if (timeoutMs !== undefined && degradedThresholdMs !== undefined && degradedThresholdMs >= timeoutMs) {
    errors.degradedThresholdMs = `Must be less than the timeout (${timeoutMs} ms): a slower check has already failed`;
  }
  const headers = headersOf(form, errors);
  return {
    url: form.url.trim(),
    transport: form.transport,
    timeoutMs,
    degradedThresholdMs,
    headers,
    canary: canaryBody(form.canary, timeoutMs, errors),
    oauth: oauthOf(form, headers, errors),
  };
}

/**
 * The settings of a monitor, as POST /monitors and PATCH /monitors/:id both take them; a null
 * `oauthConnection` (drop the saved connection) only ever goes with an update.
 */
export type MonitorSettingsBody = Omit<
  CreateMonitorBody,
  'probeFirst' | 'firstCheckToken' | 'oauthConnection'
> & {
  oauthConnection?: string | null;
};

/** The body of POST /monitors or PATCH /monitors/:id, or the errors to show next to the fields. */
export function monitorBody(form: MonitorForm): { body: MonitorSettingsBody; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!form.name.trim()) errors.name = 'Give the monitor a name, e.g. "Docs MCP (production)"';
  const settings = probeSettings(form, errors);
  const intervalSeconds = integer(
    form.intervalSeconds,
    MONITOR_LIMITS.intervalSeconds,
    'seconds',
    errors,
    'intervalSeconds',
  );
  const confirmations = integer(
    form.confirmations,
    MONITOR_LIMITS.confirmations,
    '',
    errors,
    'confirmations',
  );
  let regionQuorum: number | null = null;
  if (form.regionQuorum.trim()) {
    regionQuorum =
      integer(form.regionQuorum, MONITOR_LIMITS.regionQuorum, '', errors, 'regionQuorum') ?? null;
    if (regionQuorum !== null && form.regions.length > 0 && regionQuorum > form.regions.length) {
      errors.regionQuorum = `At most the number of regions chosen (${form.regions.length})`;
    }
  }
  const connection = connectionOf(form, settings.headers, errors);
  return {
    body: {
      name: form.name.trim(),
      ...settings,
      ...connection,
      ...(form.regions.length > 0 ? { regions: form.regions } : {}),
      intervalSeconds,
      confirmations,
      regionQuorum,
      isPublic: form.isPublic,
    },
    errors,
  };
}

/**
 * The body of POST /monitors/test. Saved header values stay on the server and
 * a test of unsaved settings cannot use them: those headers are left out, and
 * `withheld` names them so the form can say so. Without `withCanary`, the test
 * only lists the server's tools (to choose a canary from) and calls none.
 */
export function testBody(
  form: MonitorForm,
  withCanary = true,
): {
  body: TestConnectionBody;
  errors: FieldErrors;
  withheld: string[];
} {
  const errors: FieldErrors = {};
  const settings = probeSettings(withCanary ? form : { ...form, canary: NO_CANARY }, errors);
  const withheld = Object.entries(settings.headers)
    .filter(([, value]) => value === MASKED_VALUE)
    .map(([name]) => name);
  const headers = Object.fromEntries(
    Object.entries(settings.headers).filter(([, value]) => value !== MASKED_VALUE),
  );
  // A saved secret or key stays on the server too: the test runs without OAuth then.
  const savedSecret =
    settings.oauth !== null &&
    (settings.oauth.clientSecret === MASKED_VALUE || settings.oauth.privateKey === MASKED_VALUE);
  if (savedSecret) withheld.push('the OAuth client secret');
  if (form.authentication === 'connect') withheld.push('the OAuth connection');
  return { body: { ...settings, headers, oauth: savedSecret ? null : settings.oauth }, errors, withheld };
}
