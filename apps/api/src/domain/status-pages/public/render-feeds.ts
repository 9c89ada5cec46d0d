import { feedEntries, feedIdOf } from './feed-entries.js';
import { html } from './html.js';
import type { PageView } from './page-view.js';

/** What a feed needs besides the page's facts: where it and the page are, absolute. */
export interface FeedContext {
  pageId: string;
  /** When the page itself last changed: the feed's `updated` when it has no entry yet. */
  pageUpdatedAt: Date;
  pageUrl: string;
  atomUrl: string;
  jsonUrl: string;
}

function newest(view: PageView, context: FeedContext): Date {
  return feedEntries(view)[0]?.at ?? context.pageUpdatedAt;
}

/** The page's incidents as an Atom 1.0 feed (RFC 4287), newest first. */
export function renderAtom(view: PageView, context: FeedContext): string {
  const entries = feedEntries(view).map(
    (entry) =>
      html`<entry><id>${entry.id}</id><title type="text">${entry.title}</title><updated>${entry.at.toISOString()}</updated><link rel="alternate" type="text/html" href="${context.pageUrl}#${entry.anchor}"/><content type="text">${entry.text}</content></entry>
`,
  );
  return html`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>${feedIdOf(context.pageId)}</id><title type="text">${view.title} status</title><updated>${newest(view, context).toISOString()}</updated><author><name>${view.title}</name></author><link rel="alternate" type="text/html" href="${context.pageUrl}"/><link rel="self" type="application/atom+xml" href="${context.atomUrl}"/>
${entries}</feed>
`.text;
}

/** The same entries as a JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
export function renderJsonFeed(view: PageView, context: FeedContext): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: `${view.title} status`,
    home_page_url: context.pageUrl,
    feed_url: context.jsonUrl,
    ...(view.description ? { description: view.description } : {}),
    authors: [{ name: view.title }],
    language: 'en',
    items: feedEntries(view).map((entry) => ({
      id: entry.id,
      url: `${context.pageUrl}#${entry.anchor}`,
      title: entry.title,
      content_text: entry.text,
      date_published: entry.at.toISOString(),
    })),
  });
}
