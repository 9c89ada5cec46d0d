import type { Monitor, TestConnectionResult, Tool } from '@mcpulse/contract';
import { MONITOR_TRANSPORT_LABELS, MONITOR_TRANSPORTS } from '@mcpulse/core/domain';
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError } from '../../api/client.js';
import {
  createMonitor,
  getMonitor,
  getTools,
  listRegions,
  testConnection,
  updateMonitor,
} from '../../api/monitors-api.js';
import { connectSettings } from '../../api/oauth-api.js';
import { AuthenticationSection } from '../../components/authentication-section.js';
import { CanaryEditor } from '../../components/canary-editor.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Field, TextField } from '../../components/field.js';
import { ProbeResultPanel } from '../../components/probe-result-panel.js';
import { useAccount } from '../../lib/account-context.js';
import { errorsWithout, humanize } from '../../lib/form-errors.js';
import { sameJson } from '../../lib/json-equal.js';
import {
  connectBody,
  type FieldErrors,
  formOf,
  type MonitorForm,
  monitorBody,
  NEW_MONITOR,
  testBody,
} from '../../lib/monitor-form.js';
import { Link, useRouter } from '../../lib/router.js';
import { useResource } from '../../lib/use-resource.js';

/** Fields the form shows; an API error naming one of them is shown beside it. */
const FORM_FIELDS = [
  'name',
  'url',
  'transport',
  'headers',
  'oauth',
  'oauthConnection',
  'connect',
  'clientId',
  'clientSecret',
  'scope',
  'regions',
  'intervalSeconds',
  'timeoutMs',
  'degradedThresholdMs',
  'confirmations',
  'regionQuorum',
  'isPublic',
  'canary',
];

function split(error: unknown): { fields: FieldErrors; banner: unknown } {
  if (error instanceof ApiError && error.field) {
    const field = FORM_FIELDS.find((name) => error.field === name || error.field?.startsWith(`${name}.`));
    if (field) return { fields: { [error.field]: humanize(error.message, error.field) }, banner: undefined };
  }
  return { fields: {}, banner: error };
}

export function MonitorFormPage({ monitorId }: { monitorId?: string }) {
  const editing = monitorId !== undefined;
  const existing = useResource<Monitor | null>(
    (signal) => (monitorId ? getMonitor(monitorId, signal) : Promise.resolve(null)),
    `monitor-form:${monitorId ?? 'new'}`,
  );
  const regions = useResource((signal) => listRegions(signal), 'regions');
  if (editing && !existing.data) {
    return existing.error ? (
      <ErrorBanner error={existing.error} title="Could not load the monitor." />
    ) : (
      <p className="loading">Loading…</p>
    );
  }
  return <MonitorFormView monitor={existing.data ?? null} regions={regions.data?.regions ?? null} />;
}

function MonitorFormView({ monitor, regions }: { monitor: Monitor | null; regions: string[] | null }) {
  const { navigate } = useRouter();
  const { refreshAccount } = useAccount();
  const [form, setForm] = useState<MonitorForm>(() => (monitor ? formOf(monitor) : NEW_MONITOR));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [banner, setBanner] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const [testing, setTesting] = useState(false);
  const [probe, setProbe] = useState<TestConnectionResult | null>(null);
  const [withheld, setWithheld] = useState<string[]>([]);
  const [tools, setTools] = useState<{ list: Tool[]; source: string } | null>(null);
  const [loadingTools, setLoadingTools] = useState(false);

  // A saved canary's tool is shown among the monitor's confirmed tools until the live list is loaded.
  useEffect(() => {
    if (!monitor?.canary) return;
    const controller = new AbortController();
    getTools(monitor.id, controller.signal).then(
      ({ snapshot }) => {
        if (snapshot && snapshot.tools.length > 0) {
          setTools(
            (current) => current ?? { list: snapshot.tools, source: "From the monitor's confirmed schema." },
          );
        }
      },
      () => {},
    );
    return () => controller.abort();
  }, [monitor]);

  // A new monitor checks from every region unless the person narrows it down.
  useEffect(() => {
    if (!monitor && regions)
      setForm((current) => (current.regions.length === 0 ? { ...current, regions } : current));
  }, [monitor, regions]);

  const set = <K extends keyof MonitorForm>(key: K, value: MonitorForm[K]) => {
    setForm((current) => ({ ...current, [key]: value }));
    setErrors((current) => errorsWithout(current, key));
  };

  /** One real check of the settings; `withCanary` false lists the tools to choose a canary from, calling none. */
  const runTest = async (withCanary: boolean) => {
    const { body, errors: found, withheld: hidden } = testBody(form, withCanary);
    setErrors(found);
    setBanner(undefined);
    if (Object.keys(found).length > 0) return;
    const setBusy = withCanary ? setTesting : setLoadingTools;
    setBusy(true);
    setProbe(null);
    try {
      const result = await testConnection(body);
      setProbe(result);
      setWithheld(hidden);
      if (result.tools)
        setTools({ list: result.tools, source: `Listed by the server just now (${result.tools.length}).` });
    } catch (error) {
      const { fields, banner: rest } = split(error);
      setErrors(fields);
      setBanner(rest);
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { body, errors: found } = monitorBody(form);
    if (form.regions.length === 0) found.regions = 'Choose at least one region to check from';
    setErrors(found);
    setBanner(undefined);
    if (Object.keys(found).length > 0) {
      document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setSaving(true);
    try {
      // The server counts the test just run as the first check when the settings did not change since.
      const firstCheck = probe?.firstCheckToken ? { firstCheckToken: probe.firstCheckToken } : {};
      // An unchanged canary is not sent: the server checks a canary against the tools whenever it is.
      const { canary, ...rest } = body;
      const changes = monitor && sameJson(canary ?? null, monitor.canary) ? rest : body;
      const { oauthConnection, ...created } = body;
      const saved = monitor
        ? await updateMonitor(monitor.id, changes)
        : (
            await createMonitor({
              ...created,
              ...(oauthConnection ? { oauthConnection } : {}),
              ...firstCheck,
            })
          ).monitor;
      refreshAccount();
      navigate(`/monitors/${saved.id}`);
    } catch (error) {
      const { fields, banner: rest } = split(error);
      setErrors(fields);
      setBanner(rest);
    } finally {
      setSaving(false);
    }
  };

  const toggleRegion = (region: string, on: boolean) =>
    set('regions', on ? [...form.regions, region] : form.regions.filter((name) => name !== region));
  const allRegions = [...new Set([...(regions ?? []), ...form.regions])];

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Monitors</Link>
        {monitor ? (
          <>
            {' / '}
            <Link to={`/monitors/${monitor.id}`}>{monitor.name}</Link>
          </>
        ) : null}
      </nav>
      <h1>{monitor ? `Edit ${monitor.name}` : 'Add a monitor'}</h1>
      <form className="form monitor-form" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorBanner
          error={banner}
          title={monitor ? 'Could not save the changes.' : 'Could not add the monitor.'}
        />
        <TextField
          id="name"
          label="Name"
          value={form.name}
          onValue={(value) => set('name', value)}
          error={errors.name}
          placeholder="Docs MCP (production)"
          required
        />
        <TextField
          id="url"
          label="MCP endpoint URL"
          type="url"
          inputMode="url"
          value={form.url}
          onValue={(value) => set('url', value)}
          error={errors.url}
          placeholder="https://example.com/mcp"
          spellCheck={false}
          required
        />
        <Field
          id="transport"
          label="Transport"
          error={errors.transport}
          hint="Auto tries Streamable HTTP and falls back to the older HTTP+SSE transport when the server needs it."
        >
          {(describedBy) => (
            <select
              id="transport"
              value={form.transport}
              onChange={(event) => set('transport', event.target.value as MonitorForm['transport'])}
              aria-describedby={describedBy}
            >
              {MONITOR_TRANSPORTS.map((transport) => (
                <option key={transport} value={transport}>
                  {MONITOR_TRANSPORT_LABELS[transport]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <AuthenticationSection
          authentication={form.authentication}
          headers={form.headers}
          oauth={form.oauth}
          errors={errors}
          onAuthentication={(choice) => set('authentication', choice)}
          onHeaders={(headers) => set('headers', headers)}
          onOAuth={(oauth) => set('oauth', oauth)}
          connect={form.connect}
          onConnect={(connect) => set('connect', connect)}
          startConnection={async () => {
            const { body, errors: found } = connectBody(form);
            if (Object.keys(found).length > 0) {
              setErrors(found);
              throw new Error('Fix the fields marked before connecting.');
            }
            return connectSettings(body);
          }}
          onConnectionError={(error) => {
            const { fields, banner: rest } = split(error);
            setErrors((current) => ({ ...current, ...fields }));
            setBanner(rest);
          }}
        />

        <CanaryEditor
          canary={form.canary}
          onChange={(canary) => set('canary', canary)}
          tools={tools?.list ?? null}
          toolsSource={tools?.source ?? null}
          loadingTools={loadingTools}
          onLoadTools={() => void runTest(false)}
          testingCall={testing}
          onTestCall={() => void runTest(true)}
          errors={errors}
        />

        <div className="test-connection">
          <button type="button" className="button" onClick={() => void runTest(true)} disabled={testing}>
            {testing ? 'Testing…' : 'Test connection'}
          </button>
          <span className="field-hint">Runs one real check with these settings; nothing is saved.</span>
        </div>
        {probe ? <ProbeResultPanel result={probe} /> : null}
        {probe && withheld.length > 0 ? (
          <p className="field-hint">
            The saved values of {withheld.join(', ')} stay on the server and were not sent by this test;
            retype them to test with them, or use “Check now” after saving.
          </p>
        ) : null}

        <fieldset className="fieldset">
          <legend>Regions</legend>
          {allRegions.length === 0 ? <p className="field-hint">Loading regions…</p> : null}
          <div className="checkbox-row" aria-describedby={errors.regions ? 'regions-error' : undefined}>
            {allRegions.map((region) => (
              <label key={region} className="checkbox">
                <input
                  type="checkbox"
                  checked={form.regions.includes(region)}
                  onChange={(event) => toggleRegion(region, event.target.checked)}
                />
                {region}
              </label>
            ))}
          </div>
          {errors.regions ? (
            <p className="field-error" id="regions-error">
              <span aria-hidden="true">⚠ </span>
              {errors.regions}
            </p>
          ) : null}
        </fieldset>

        <div className="field-grid">
          <TextField
            id="intervalSeconds"
            label="Check every (seconds)"
            type="number"
            inputMode="numeric"
            min={30}
            max={3600}
            value={form.intervalSeconds}
            onValue={(value) => set('intervalSeconds', value)}
            error={errors.intervalSeconds}
            hint="30 to 3600."
          />
          <TextField
            id="timeoutMs"
            label="Timeout (ms)"
            type="number"
            inputMode="numeric"
            min={1000}
            max={60000}
            value={form.timeoutMs}
            onValue={(value) => set('timeoutMs', value)}
            error={errors.timeoutMs}
            hint="A check slower than this is down."
          />
          <TextField
            id="degradedThresholdMs"
            label="Degraded after (ms)"
            type="number"
            inputMode="numeric"
            min={1}
            value={form.degradedThresholdMs}
            onValue={(value) => set('degradedThresholdMs', value)}
            error={errors.degradedThresholdMs}
            hint="A successful check slower than this is degraded."
          />
        </div>

        <details className="advanced" open={Boolean(errors.confirmations || errors.regionQuorum)}>
          <summary>Advanced</summary>
          <div className="field-grid">
            <TextField
              id="confirmations"
              label="Confirmations"
              type="number"
              inputMode="numeric"
              min={1}
              max={10}
              value={form.confirmations}
              onValue={(value) => set('confirmations', value)}
              error={errors.confirmations}
              hint="Checks in a row that must agree before the status changes (1 to 10)."
            />
            <TextField
              id="regionQuorum"
              label="Region quorum"
              type="number"
              inputMode="numeric"
              min={1}
              value={form.regionQuorum}
              onValue={(value) => set('regionQuorum', value)}
              error={errors.regionQuorum}
              hint="Regions that must see the failure; empty means half of them."
            />
          </div>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={form.isPublic}
              onChange={(event) => set('isPublic', event.target.checked)}
            />
            Public status: anyone with the monitor's id may read its status and uptime
          </label>
        </details>

        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Saving…' : monitor ? 'Save changes' : 'Add monitor'}
          </button>
          <Link to={monitor ? `/monitors/${monitor.id}` : '/'} className="button button-quiet">
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
