import type { StatusPage, StatusPageBody } from '@mcpulse/contract';
import {
  RESERVED_STATUS_PAGE_SLUGS,
  STATUS_PAGE_FIGURES,
  STATUS_PAGE_LIMITS,
  STATUS_PAGE_SLUG,
  type StatusPageFigure,
} from '@mcpulse/core/domain';
import { ApiError } from '../api/client.js';
import { humanize } from './form-errors.js';

/** One monitor on the page as the editor holds it; `key` keeps React's rows stable across reordering. */
export interface PageMonitorRow {
  key: string;
  monitorId: string;
  /** The monitor's own name, shown beside the display name. */
  monitorName: string;
  /** Empty shows the monitor's own name. */
  displayName: string;
}

export interface PageGroupRow {
  key: string;
  name: string;
  monitors: PageMonitorRow[];
}

/** The editor as typed: everything text until saved, so a half-typed value is never lost. */
export interface StatusPageForm {
  slug: string;
  title: string;
  description: string;
  logoUrl: string;
  customDomain: string;
  figures: StatusPageFigure[];
  groups: PageGroupRow[];
}

/**
 * Errors by where the editor shows them: a top-level field's name, `groups.<i>.name`,
 * `groups.<i>.monitors` (the group's list), `groups.<i>.monitors.<j>` (one monitor's row) or
 * `groups` (the groups as a whole).
 */
export type PageFieldErrors = Record<string, string>;

let lastKey = 0;
const nextKey = () => `row-${++lastKey}`;

export const NEW_STATUS_PAGE: StatusPageForm = {
  slug: '',
  title: '',
  description: '',
  logoUrl: '',
  customDomain: '',
  figures: [...STATUS_PAGE_FIGURES],
  groups: [],
};

export function formOfPage(page: StatusPage): StatusPageForm {
  return {
    slug: page.slug,
    title: page.title,
    description: page.description,
    logoUrl: page.logoUrl ?? '',
    customDomain: page.customDomain ?? '',
    figures: STATUS_PAGE_FIGURES.filter((figure) => page.figures.includes(figure)),
    groups: page.groups.map((group) => ({
      key: nextKey(),
      name: group.name,
      monitors: group.monitors.map((monitor) => ({
        key: nextKey(),
        monitorId: monitor.monitorId,
        monitorName: monitor.monitorName,
        displayName: monitor.displayName ?? '',
      })),
    })),
  };
}

/** A slug proposed from the title while the owner has not typed one: "Acme MCP Status" → "acme-mcp-status". */
export function slugOfTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, STATUS_PAGE_LIMITS.slugChars)
    .replace(/-+$/, '');
}

function slugProblem(slug: string): string | null {
  if (slug === '') return 'Choose the address of the page, e.g. acme for /status/acme';
  if (slug.length > STATUS_PAGE_LIMITS.slugChars) return `At most ${STATUS_PAGE_LIMITS.slugChars} characters`;
  if (!STATUS_PAGE_SLUG.test(slug))
    return 'Lower-case letters, digits and hyphens only, with no hyphen at either end';
  if (RESERVED_STATUS_PAGE_SLUGS.includes(slug)) return `“${slug}” is reserved: choose another`;
  return null;
}

function logoProblem(url: string): string | null {
  if (url.length > STATUS_PAGE_LIMITS.logoUrlChars)
    return `At most ${STATUS_PAGE_LIMITS.logoUrlChars} characters`;
  try {
    if (new URL(url).protocol !== 'https:') return 'Use an https:// URL';
  } catch {
    return 'Enter the full address of the image, e.g. https://example.com/logo.svg';
  }
  return null;
}

/** The shape of a host name; the API holds the exact rule and names this field if it refuses one. */
const HOST_SHAPE = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;

function domainProblem(domain: string): string | null {
  if (domain.length > STATUS_PAGE_LIMITS.customDomainChars)
    return `At most ${STATUS_PAGE_LIMITS.customDomainChars} characters`;
  if (!HOST_SHAPE.test(domain))
    return 'A host name such as status.example.com, without https://, port or path';
  return null;
}

const tooLong = (text: string, max: number) => (text.length > max ? `At most ${max} characters` : null);

/** The body to send, or, when the form breaks the API's limits, the errors at the fields concerned. */
export function statusPageBodyOf(form: StatusPageForm): { body: StatusPageBody; errors: PageFieldErrors } {
  const errors: PageFieldErrors = {};
  const flag = (field: string, problem: string | null) => {
    if (problem) errors[field] = problem;
  };
  const slug = form.slug.trim().toLowerCase();
  const title = form.title.trim();
  const description = form.description.trim();
  const logoUrl = form.logoUrl.trim();
  const customDomain = form.customDomain.trim().toLowerCase();
  flag('slug', slugProblem(slug));
  flag('title', title === '' ? 'Give the page a title' : tooLong(title, STATUS_PAGE_LIMITS.titleChars));
  flag('description', tooLong(description, STATUS_PAGE_LIMITS.descriptionChars));
  if (logoUrl !== '') flag('logoUrl', logoProblem(logoUrl));
  if (customDomain !== '') flag('customDomain', domainProblem(customDomain));

  if (form.groups.length > STATUS_PAGE_LIMITS.groups)
    errors.groups = `At most ${STATUS_PAGE_LIMITS.groups} groups`;
  const shown = form.groups.reduce((count, group) => count + group.monitors.length, 0);
  if (shown > STATUS_PAGE_LIMITS.monitors)
    errors.groups = `At most ${STATUS_PAGE_LIMITS.monitors} monitors on one page`;
  const groups = form.groups.map((group, g) => {
    const name = group.name.trim();
    flag(
      `groups.${g}.name`,
      name === '' ? 'Name the group' : tooLong(name, STATUS_PAGE_LIMITS.groupNameChars),
    );
    return {
      name,
      monitors: group.monitors.map((monitor, m) => {
        const displayName = monitor.displayName.trim();
        flag(`groups.${g}.monitors.${m}`, tooLong(displayName, STATUS_PAGE_LIMITS.displayNameChars));
        return { monitorId: monitor.monitorId, displayName: displayName === '' ? null : displayName };
      }),
    };
  });
  return {
    body: {
      slug,
      title,
      description,
      logoUrl: logoUrl === '' ? null : logoUrl,
      customDomain: customDomain === '' ? null : customDomain,
      figures: STATUS_PAGE_FIGURES.filter((figure) => form.figures.includes(figure)),
      groups,
    },
    errors,
  };
}

const TOP_FIELDS = ['slug', 'title', 'description', 'logoUrl', 'customDomain', 'figures'];

/**
 * Where the editor shows an error the API names by its body path: a group's name, one
 * monitor's row (its display name or the monitor itself), a group's list, or the groups.
 * Null for a path the editor does not show.
 */
export function placeOfField(path: string): string | null {
  const top = TOP_FIELDS.find((name) => path === name || path.startsWith(`${name}.`));
  if (top) return top;
  const row = /^groups\.(\d+)\.monitors\.(\d+)(?:\.|$)/.exec(path);
  if (row) return `groups.${row[1]}.monitors.${row[2]}`;
  const name = /^groups\.(\d+)\.name$/.exec(path);
  if (name) return `groups.${name[1]}.name`;
  const list = /^groups\.(\d+)\.monitors$/.exec(path);
  if (list) return `groups.${list[1]}.monitors`;
  return path === 'groups' || path.startsWith('groups.') ? 'groups' : null;
}

/** Codes of conflicts that concern one field without naming it. */
const CONFLICT_FIELDS: Record<string, string> = { slug_taken: 'slug', domain_taken: 'customDomain' };

/** Splits an API error into the field it concerns, shown there, and the rest, shown as a banner. */
export function placeServerError(error: unknown): { fields: PageFieldErrors; banner: unknown } {
  if (error instanceof ApiError) {
    const place = error.field ? placeOfField(error.field) : (CONFLICT_FIELDS[error.code] ?? null);
    if (place) {
      const message = error.field ? humanize(error.message, error.field) : error.message;
      return { fields: { [place]: message }, banner: undefined };
    }
  }
  return { fields: {}, banner: error };
}

/** The list with the item at `index` moved `by` places (−1 up, +1 down); unchanged at either end. */
export function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(index, 1) as [T];
  copy.splice(to, 0, item);
  return copy;
}

export function newGroup(name: string): PageGroupRow {
  return { key: nextKey(), name, monitors: [] };
}

export function newMonitorRow(monitor: { id: string; name: string }): PageMonitorRow {
  return { key: nextKey(), monitorId: monitor.id, monitorName: monitor.name, displayName: '' };
}

/**
 * Where the page will be once saved with `slug`: under the public URL a saved page reports (the
 * operator's MCPULSE_PUBLIC_URL), or under the dashboard's own origin for a page not saved yet.
 */
export function pageAddress(
  saved: { url: string; slug: string } | null,
  origin: string,
  slug: string,
): string {
  const path = saved ? `/status/${saved.slug}` : '';
  const base = saved?.url.endsWith(path) ? saved.url.slice(0, -path.length) : origin;
  return `${base}/status/${slug.trim().toLowerCase() || '…'}`;
}

/** The organisation's monitors that are on none of the page's groups yet: a monitor shows once per page. */
export function monitorsNotOnPage<M extends { id: string }>(
  form: StatusPageForm,
  monitors: readonly M[],
): M[] {
  const onPage = new Set(form.groups.flatMap((group) => group.monitors.map((row) => row.monitorId)));
  return monitors.filter((monitor) => !onPage.has(monitor.id));
}
