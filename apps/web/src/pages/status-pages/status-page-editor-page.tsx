import type { StatusPage } from '@mcpulse/contract';
import { STATUS_PAGE_FIGURES, STATUS_PAGE_LIMITS } from '@mcpulse/core/domain';
import { type FormEvent, useState } from 'react';
import { listMonitors } from '../../api/monitors-api.js';
import {
  createStatusPage,
  deleteStatusPage,
  getStatusPage,
  replaceStatusPage,
} from '../../api/status-pages-api.js';
import { ConfirmButton } from '../../components/confirm-button.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { Field, TextField } from '../../components/field.js';
import { errorsWithout } from '../../lib/form-errors.js';
import { Link, useRouter } from '../../lib/router.js';
import {
  formOfPage,
  NEW_STATUS_PAGE,
  type PageFieldErrors,
  pageAddress,
  placeServerError,
  type StatusPageForm,
  slugOfTitle,
  statusPageBodyOf,
} from '../../lib/status-page-form.js';
import { FIGURE_LABELS } from '../../lib/status-page-words.js';
import { useResource } from '../../lib/use-resource.js';
import { DomainVerification } from './domain-verification.js';
import { GroupsEditor } from './groups-editor.js';
import { SubscribersSection } from './subscribers-section.js';

export function StatusPageEditorPage({ pageId }: { pageId?: string }) {
  const existing = useResource<StatusPage | null>(
    (signal) => (pageId ? getStatusPage(pageId, signal) : Promise.resolve(null)),
    `status-page-editor:${pageId ?? 'new'}`,
  );
  if (pageId && !existing.data) {
    return existing.error ? (
      <ErrorBanner error={existing.error} title="Could not load the status page." />
    ) : (
      <p className="loading">Loading…</p>
    );
  }
  return <EditorView page={existing.data ?? null} />;
}

function EditorView({ page }: { page: StatusPage | null }) {
  const { navigate } = useRouter();
  const monitors = useResource((signal) => listMonitors(signal), 'status-page-editor-monitors');
  const [form, setForm] = useState<StatusPageForm>(() => (page ? formOfPage(page) : NEW_STATUS_PAGE));
  // A new page's slug follows its title until the owner types one.
  const [slugTyped, setSlugTyped] = useState(page !== null);
  const [errors, setErrors] = useState<PageFieldErrors>({});
  const [banner, setBanner] = useState<unknown>();
  const [saving, setSaving] = useState(false);

  const set = <K extends keyof StatusPageForm>(key: K, value: StatusPageForm[K]) => {
    setForm((current) => ({
      ...current,
      [key]: value,
      ...(key === 'title' && !slugTyped ? { slug: slugOfTitle(value as string) } : {}),
    }));
    // The groups' errors are by position, which an edit of the groups may change: they go together.
    setErrors((current) => errorsWithout(current, key));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { body, errors: found } = statusPageBodyOf(form);
    setErrors(found);
    setBanner(undefined);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setSaving(true);
    try {
      await (page ? replaceStatusPage(page.id, body) : createStatusPage(body));
      navigate('/status-pages');
    } catch (error) {
      const { fields, banner: rest } = placeServerError(error);
      setErrors(fields);
      setBanner(rest);
      if (Object.keys(fields).length > 0)
        requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    } finally {
      setSaving(false);
    }
  };

  // The record to create is of the saved domain: one being typed has none until it is saved.
  const savedDomain = page?.customDomain && form.customDomain.trim().toLowerCase() === page.customDomain;

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/status-pages">Status pages</Link>
      </nav>
      <div className="page-head">
        <h1>{page ? `Edit ${page.title}` : 'New status page'}</h1>
        {page ? (
          <a className="button" href={page.url} target="_blank" rel="noopener noreferrer">
            Open public page<span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        ) : null}
      </div>
      <form className="form status-page-form" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorBanner
          error={banner}
          title={page ? 'Could not save the changes.' : 'Could not create the status page.'}
        />
        <TextField
          id="title"
          label="Title"
          value={form.title}
          onValue={(value) => set('title', value)}
          error={errors.title}
          placeholder="Acme MCP status"
          maxLength={STATUS_PAGE_LIMITS.titleChars}
          required
        />
        <TextField
          id="slug"
          label="Slug"
          value={form.slug}
          onValue={(value) => {
            setSlugTyped(true);
            set('slug', value);
          }}
          error={errors.slug}
          hint={
            <>
              The page's address:{' '}
              <code className="status-page-address">
                {pageAddress(page, window.location.origin, form.slug)}
              </code>
            </>
          }
          placeholder="acme"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <Field
          id="description"
          label={
            <>
              Description <span className="muted">(optional)</span>
            </>
          }
          error={errors.description}
          hint={`Shown under the title, as plain text. At most ${STATUS_PAGE_LIMITS.descriptionChars.toLocaleString()} characters.`}
        >
          {(describedBy, invalid) => (
            <textarea
              id="description"
              className="json-input text-input"
              rows={3}
              value={form.description}
              onChange={(event) => set('description', event.target.value)}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
            />
          )}
        </Field>
        <TextField
          id="logoUrl"
          label={
            <>
              Logo URL <span className="muted">(optional)</span>
            </>
          }
          type="url"
          inputMode="url"
          value={form.logoUrl}
          onValue={(value) => set('logoUrl', value)}
          error={errors.logoUrl}
          hint="An https address of an image shown beside the title."
          placeholder="https://example.com/logo.svg"
          spellCheck={false}
        />
        <TextField
          id="customDomain"
          label={
            <>
              Custom domain <span className="muted">(optional)</span>
            </>
          }
          value={form.customDomain}
          onValue={(value) => set('customDomain', value)}
          error={errors.customDomain}
          hint="Serve the page at the root of your own host too. Once saved, prove the domain is yours with the DNS record shown here, point the domain at this mcpulse, and ask the operator to add it to MCPULSE_ALLOWED_HOSTS."
          placeholder="status.example.com"
          autoCapitalize="none"
          spellCheck={false}
        />
        {page && savedDomain ? <DomainVerification page={page} /> : null}
        <fieldset className="fieldset" aria-describedby={errors.figures ? 'figures-error' : undefined}>
          <legend>What the page shows</legend>
          <p className="field-hint">
            Each monitor's current state always shows; choose what shows beside it.
          </p>
          <div className="checkbox-list">
            {STATUS_PAGE_FIGURES.map((figure) => (
              <label key={figure} className="checkbox">
                <input
                  type="checkbox"
                  checked={form.figures.includes(figure)}
                  onChange={(event) =>
                    set(
                      'figures',
                      event.target.checked
                        ? [...form.figures, figure]
                        : form.figures.filter((chosen) => chosen !== figure),
                    )
                  }
                />
                <span>
                  {FIGURE_LABELS[figure].label} <span className="muted">— {FIGURE_LABELS[figure].hint}</span>
                </span>
              </label>
            ))}
          </div>
          {errors.figures ? (
            <p className="field-error" id="figures-error">
              <span aria-hidden="true">⚠ </span>
              {errors.figures}
            </p>
          ) : null}
        </fieldset>
        <GroupsEditor
          form={form}
          monitors={monitors.data?.monitors ?? null}
          errors={errors}
          onGroups={(groups) => set('groups', groups)}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Saving…' : page ? 'Save changes' : 'Create status page'}
          </button>
          <Link to="/status-pages" className="button button-quiet">
            Cancel
          </Link>
          {page ? (
            <span className="form-actions-end">
              <ConfirmButton
                label="Delete page"
                title={`Delete ${page.title}?`}
                confirmLabel="Delete status page"
                onConfirm={async () => {
                  try {
                    await deleteStatusPage(page.id);
                    navigate('/status-pages');
                  } catch (error) {
                    setBanner(error);
                  }
                }}
              >
                <p>
                  <code>/status/{page.slug}</code> stops answering at once and its feeds end
                  {page.subscribers > 0
                    ? `; its ${page.subscribers === 1 ? 'subscriber is' : `${page.subscribers} subscribers are`} dropped`
                    : ''}
                  . The monitors, their incidents and your updates stay.
                </p>
              </ConfirmButton>
            </span>
          ) : null}
        </div>
      </form>
      {page ? <SubscribersSection page={page} /> : null}
    </>
  );
}
