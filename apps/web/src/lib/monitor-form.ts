import type { CreateMonitorBody, Monitor, TestConnectionBody } from '@mcpulse/contract';
import {
  MASKED_HEADER_VALUE,
  MONITOR_DEFAULTS,
  MONITOR_LIMITS,
  type TransportPreference,
} from '@mcpulse/core/domain';

/** What a header value reads as once saved; sent back unchanged it keeps the saved value. */
export const MASKED_VALUE = MASKED_HEADER_VALUE;

export interface HeaderEntry {
  name: string;
  value: string;
}

/** The add/edit form as typed: numbers stay text until submitted, so a half-typed value is not lost. */
export interface MonitorForm {
  name: string;
  url: string;
  transport: TransportPreference;
  headers: HeaderEntry[];
  /** Empty means every region of the deployment. */
  regions: string[];
  intervalSeconds: string;
  timeoutMs: string;
  degradedThresholdMs: string;
  confirmations: string;
  regionQuorum: string;
  isPublic: boolean;
}

export type FieldErrors = Record<string, string>;

export const NEW_MONITOR: MonitorForm = {
  name: '',
  url: '',
  transport: MONITOR_DEFAULTS.transport,
  headers: [],
  regions: [],
  intervalSeconds: String(MONITOR_DEFAULTS.intervalSeconds),
  timeoutMs: String(MONITOR_DEFAULTS.timeoutMs),
  degradedThresholdMs: String(MONITOR_DEFAULTS.degradedThresholdMs),
  confirmations: String(MONITOR_DEFAULTS.confirmations),
  regionQuorum: MONITOR_DEFAULTS.regionQuorum === null ? '' : String(MONITOR_DEFAULTS.regionQuorum),
  isPublic: MONITOR_DEFAULTS.isPublic,
};

export function formOf(monitor: Monitor): MonitorForm {
  return {
    name: monitor.name,
    url: monitor.url,
    transport: monitor.transport,
    headers: Object.keys(monitor.headers).map((name) => ({ name, value: MASKED_VALUE })),
    regions: monitor.regions,
    intervalSeconds: String(monitor.intervalSeconds),
    timeoutMs: String(monitor.timeoutMs),
    degradedThresholdMs: String(monitor.degradedThresholdMs),
    confirmations: String(monitor.confirmations),
    regionQuorum: monitor.regionQuorum === null ? '' : String(monitor.regionQuorum),
    isPublic: monitor.isPublic,
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

function headersOf(form: MonitorForm, errors: FieldErrors): Record<string, string> {
  const headers: Record<string, string> = {};
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
  return {
    url: form.url.trim(),
    transport: form.transport,
    timeoutMs,
    degradedThresholdMs,
    headers: headersOf(form, errors),
  };
}

/** The settings of a monitor, as POST /monitors and PATCH /monitors/:id both take them. */
export type MonitorSettingsBody = Omit<CreateMonitorBody, 'probeFirst' | 'firstCheckToken'>;

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
  return {
    body: {
      name: form.name.trim(),
      ...settings,
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
 * `withheld` names them so the form can say so.
 */
export function testBody(form: MonitorForm): {
  body: TestConnectionBody;
  errors: FieldErrors;
  withheld: string[];
} {
  const errors: FieldErrors = {};
  const settings = probeSettings(form, errors);
  const withheld = Object.entries(settings.headers)
    .filter(([, value]) => value === MASKED_VALUE)
    .map(([name]) => name);
  const headers = Object.fromEntries(
    Object.entries(settings.headers).filter(([, value]) => value !== MASKED_VALUE),
  );
  return { body: { ...settings, headers }, errors, withheld };
}
