import type { StatusPage } from '@mcpulse/contract';
import { STATUS_PAGE_FIGURES, STATUS_PAGE_LIMITS } from '@mcpulse/core/domain';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/client.js';
import { errorsWithout } from '../../src/lib/form-errors.js';
import {
  formOfPage,
  monitorsNotOnPage,
  moved,
  NEW_STATUS_PAGE,
  newGroup,
  newMonitorRow,
  pageAddress,
  placeOfField,
  placeServerError,
  type StatusPageForm,
  slugOfTitle,
  statusPageBodyOf,
} from '../../src/lib/status-page-form.js';
import { pagesShowing } from '../../src/lib/status-pages-showing.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '33333333-3333-4333-8333-333333333333';

const PAGE: StatusPage = {
  id: '44444444-4444-4444-8444-444444444444',
  slug: 'acme',
  title: 'Acme',
  description: 'Our servers',
  logoUrl: null,
  customDomain: 'status.acme.example',
  domainAllowed: false,
  domainVerification: {
    record: '_mcpulse-challenge.status.acme.example',
    value: 'mcpulse-verification=token',
    verifiedAt: null,
  },
  figures: ['uptime', 'history'],
  groups: [
    {
      id: '55555555-5555-4555-8555-555555555555',
      name: 'APIs',
      monitors: [
        { monitorId: A, displayName: 'Search', monitorName: 'search-prod' },
        { monitorId: B, displayName: null, monitorName: 'docs-prod' },
      ],
    },
  ],
  url: 'https://m.example/status/acme',
  subscribers: 2,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
};

function form(overrides: Partial<StatusPageForm> = {}): StatusPageForm {
  return { ...NEW_STATUS_PAGE, slug: 'acme', title: 'Acme', ...overrides };
}

describe('the status page form', () => {
  it('round-trips a saved page into the body PUT sends, figures in their canonical order', () => {
    const { body, errors } = statusPageBodyOf(formOfPage(PAGE));
    expect(errors).toEqual({});
    expect(body).toEqual({
      slug: 'acme',
      title: 'Acme',
      description: 'Our servers',
      logoUrl: null,
      customDomain: 'status.acme.example',
      figures: ['history', 'uptime'],
      groups: [
        {
          name: 'APIs',
          monitors: [
            { monitorId: A, displayName: 'Search' },
            { monitorId: B, displayName: null },
          ],
        },
      ],
    });
  });

  it('starts a new page with every figure and no groups', () => {
    expect(NEW_STATUS_PAGE.figures).toEqual([...STATUS_PAGE_FIGURES]);
    expect(NEW_STATUS_PAGE.groups).toEqual([]);
  });

  it('trims, lower-cases the slug and the domain, and sends empty optional fields as null', () => {
    const { body, errors } = statusPageBodyOf(
      form({ slug: '  Acme-2 ', title: ' Acme ', customDomain: ' Status.Example.COM ', logoUrl: ' ' }),
    );
    expect(errors).toEqual({});
    expect(body).toMatchObject({
      slug: 'acme-2',
      title: 'Acme',
      customDomain: 'status.example.com',
      logoUrl: null,
    });
  });

  it.each([
    ['', /Choose the address/],
    ['-acme', /no hyphen at either end/],
    ['a_b', /Lower-case letters/],
    ['status', /reserved/],
    ['a'.repeat(STATUS_PAGE_LIMITS.slugChars + 1), /At most 48/],
  ])('refuses the slug %j at its field', (slug, message) => {
    expect(statusPageBodyOf(form({ slug })).errors.slug).toMatch(message);
  });

  it('names every field that breaks a limit, groups and rows by their place', () => {
    const group = {
      ...newGroup(' '),
      monitors: [{ ...newMonitorRow({ id: A, name: 'a' }), displayName: 'x'.repeat(121) }],
    };
    const { errors } = statusPageBodyOf(
      form({
        title: '',
        description: 'd'.repeat(STATUS_PAGE_LIMITS.descriptionChars + 1),
        logoUrl: 'http://example.com/logo.png',
        customDomain: 'https://status.example.com/',
        groups: [group],
      }),
    );
    expect(Object.keys(errors).sort()).toEqual([
      'customDomain',
      'description',
      'groups.0.monitors.0',
      'groups.0.name',
      'logoUrl',
      'title',
    ]);
    expect(errors.logoUrl).toBe('Use an https:// URL');
  });

  it('refuses more groups or monitors than a page may have', () => {
    const many = Array.from({ length: STATUS_PAGE_LIMITS.groups + 1 }, () => newGroup('g'));
    expect(statusPageBodyOf(form({ groups: many })).errors.groups).toMatch(/At most 20 groups/);
    const rows = Array.from({ length: STATUS_PAGE_LIMITS.monitors + 1 }, (_, i) =>
      newMonitorRow({ id: `${A.slice(0, -3)}${String(i).padStart(3, '0')}`, name: `m${i}` }),
    );
    expect(statusPageBodyOf(form({ groups: [{ ...newGroup('g'), monitors: rows }] })).errors.groups).toMatch(
      /At most 100 monitors/,
    );
  });

  it('proposes a slug from a title', () => {
    expect(slugOfTitle('  Acme MCP — Status!  ')).toBe('acme-mcp-status');
    expect(slugOfTitle('Café Übersicht')).toBe('cafe-ubersicht');
    expect(slugOfTitle(`${'a'.repeat(47)} b`)).toBe('a'.repeat(47));
  });

  it('moves an item up or down, and leaves the list alone at either end', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('says where the page will be: under the public URL once saved, the dashboard’s origin before', () => {
    expect(pageAddress(null, 'http://127.0.0.1:3000', ' Acme ')).toBe('http://127.0.0.1:3000/status/acme');
    expect(pageAddress(PAGE, 'http://127.0.0.1:3000', 'acme-2')).toBe('https://m.example/status/acme-2');
    expect(pageAddress(PAGE, 'http://127.0.0.1:3000', '')).toBe('https://m.example/status/…');
  });

  it('offers only the monitors not yet on the page', () => {
    const monitors = [
      { id: A, name: 'a' },
      { id: B, name: 'b' },
      { id: C, name: 'c' },
    ];
    expect(monitorsNotOnPage(formOfPage(PAGE), monitors).map((monitor) => monitor.id)).toEqual([C]);
  });
});

describe('server errors in the status page editor', () => {
  it.each([
    ['slug', 'slug'],
    ['groups.1.name', 'groups.1.name'],
    ['groups.1.monitors.3.displayName', 'groups.1.monitors.3'],
    ['groups.1.monitors.3.monitorId', 'groups.1.monitors.3'],
    ['groups.1.monitors.3', 'groups.1.monitors.3'],
    ['groups.1.monitors', 'groups.1.monitors'],
    ['groups.1', 'groups'],
    ['groups', 'groups'],
    ['figures.2', 'figures'],
  ])('shows %s at %s', (path, place) => {
    expect(placeOfField(path)).toBe(place);
  });

  it('leaves a field the editor does not show to the banner', () => {
    expect(placeOfField('body')).toBeNull();
    const error = new ApiError(400, 'validation_error', 'body: invalid', 'body');
    expect(placeServerError(error)).toEqual({ fields: {}, banner: error });
  });

  it('puts a taken slug or domain at its field, and a named field without its name', () => {
    expect(placeServerError(new ApiError(409, 'slug_taken', 'That slug is taken')).fields).toEqual({
      slug: 'That slug is taken',
    });
    expect(placeServerError(new ApiError(409, 'domain_taken', 'Taken')).fields).toEqual({
      customDomain: 'Taken',
    });
    expect(
      placeServerError(new ApiError(400, 'validation_error', 'title: too long', 'title')).fields,
    ).toEqual({ title: 'Too long' });
  });

  it('drops the errors of an edited field and of its parts, and no other', () => {
    const errors = {
      groups: 'a',
      'groups.0.name': 'b',
      'groups.1.monitors.0': 'c',
      groupsExtra: 'd',
      slug: 'e',
    };
    expect(errorsWithout(errors, 'groups')).toEqual({ groupsExtra: 'd', slug: 'e' });
  });

  it('finds the pages that show a monitor', () => {
    const other = { ...PAGE, id: 'x', groups: [] };
    expect(pagesShowing([other, PAGE], A)).toEqual([PAGE]);
    expect(pagesShowing([other, PAGE], C)).toEqual([]);
  });
});
