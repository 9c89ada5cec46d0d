import { type Html, html } from './html.js';
import { OVERALL_WORDS, timeText } from './page-format.js';
import type { PagePaths } from './page-paths.js';
import { PAGE_STYLESHEET } from './page-stylesheet.js';
import type { PageView } from './page-view.js';
import { renderCurrentEvents, renderPastIncidents } from './render-incidents.js';
import { renderMonitor } from './render-monitor.js';

/** How much of the description goes into `<meta name="description">`. */
const META_DESCRIPTION_CHARS = 200;

export interface PageLinks extends PagePaths {
  /** Where the webhook subscription API is: a URL, or a path on the service's own hosts. */
  subscribe: string;
  /** The API's reference, when the page is served where it can be reached. */
  docs: string | null;
}

function documentOf(title: string, head: Html | null, body: Html): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>${title}</title><link rel="stylesheet" href="${PAGE_STYLESHEET.path}">${head}</head>
<body>${body}</body></html>
`.text;
}

function logo(url: string | null): Html | null {
  // The owner API accepts https logos only; anything else (an old row, a hand edit) is not shown.
  if (url === null || !url.startsWith('https://')) return null;
  return html`<img src="${url}" alt="" referrerpolicy="no-referrer">`;
}

function subscribeLine(links: PageLinks): Html {
  return html`<p>Follow incidents: <a href="${links.atom}">Atom feed</a>, <a href="${links.json}">JSON feed</a>, or a webhook: <code>POST ${links.subscribe}</code>${links.docs ? html` (<a href="${links.docs}">API reference</a>)` : null}.</p>`;
}

/** A whole status page as HTML: no script, one stylesheet, every owner's and server's text escaped. */
export function renderPage(view: PageView, links: PageLinks): string {
  const head = html`<meta name="description" content="${Array.from(view.description).slice(0, META_DESCRIPTION_CHARS).join('')}"><link rel="alternate" type="application/atom+xml" title="Incidents (Atom)" href="${links.atom}"><link rel="alternate" type="application/feed+json" title="Incidents (JSON Feed)" href="${links.json}">`;
  const groups = view.groups.map(
    (group, g) =>
      html`<section aria-labelledby="group-${g}"><h2 id="group-${g}"><bdi>${group.name}</bdi></h2><ul class="group">${group.monitors.map(
        (monitor, m) => renderMonitor(monitor, `monitor-${g}-${m}`),
      )}</ul></section>`,
  );
  const body = html`<a class="skip" href="#main">Skip to content</a>
<header>${logo(view.logoUrl)}<h1><bdi>${view.title}</bdi></h1></header>
<main id="main">${view.description ? html`<p class="description"><bdi>${view.description}</bdi></p>` : null}<p class="overall s-${view.overall}">${OVERALL_WORDS[view.overall]}</p>${renderCurrentEvents(view)}${groups}${renderPastIncidents(view)}</main>
<footer>${subscribeLine(links)}<p>Last updated <time datetime="${view.asOf.toISOString()}">${timeText(view.asOf)}</time>. Times are UTC.</p></footer>`;
  return documentOf(`${view.title} status`, head, body);
}

/** The answer for a slug no page has: the same look, no details. */
export function renderNotFound(): string {
  return documentOf(
    'Status page not found',
    null,
    html`<main id="main"><h1>Status page not found</h1><p>There is no status page at this address.</p></main>`,
  );
}
