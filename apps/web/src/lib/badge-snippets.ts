import { BADGE_LABELS, type BadgeKind, type BadgeStyle, badgePath } from '@mcpulse/core/domain';

/** What the monitor page offers to copy for one badge. */
export interface BadgeSnippets {
  /** The SVG image. */
  imageUrl: string;
  /** The shields.io endpoint-badge document of the same badge. */
  jsonUrl: string;
  markdown: string;
  html: string;
  /** The same badge drawn by shields.io from the endpoint document. */
  shieldsMarkdown: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Markdown link text and titles: brackets and backslashes would end or bend the syntax. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\[\]()]/g, (char) => `\\${char}`);
}

/** A Markdown link destination: a space or a parenthesis would end it early. */
function markdownDestination(url: string): string {
  return url.replace(/[ ()]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The snippets for one badge of a monitor, with `origin` (where this dashboard is served, which
 * is where the API answers) as the badges' host. The style stays out of the URL when it is flat,
 * the default, so the common snippet is the shortest. With `linkTo` (the status page the monitor
 * is on) the Markdown and HTML badges are links to it, so a click on a badge says more.
 */
export function badgeSnippets(
  origin: string,
  monitorId: string,
  kind: BadgeKind,
  style: BadgeStyle,
  linkTo?: string,
): BadgeSnippets {
  const query = style === 'flat' ? '' : `?style=${style}`;
  const imageUrl = `${origin}${badgePath(monitorId, kind, 'svg')}${query}`;
  const jsonUrl = `${origin}${badgePath(monitorId, kind, 'json')}${query}`;
  const alt = BADGE_LABELS[kind];
  const image = `![${escapeMarkdown(alt)}](${imageUrl})`;
  const img = `<img src="${escapeHtml(imageUrl)}" alt="${escapeHtml(alt)}">`;
  return {
    imageUrl,
    jsonUrl,
    markdown: linkTo ? `[${image}](${markdownDestination(linkTo)})` : image,
    html: linkTo ? `<a href="${escapeHtml(linkTo)}">${img}</a>` : img,
    shieldsMarkdown: `![${escapeMarkdown(alt)}](https://img.shields.io/endpoint?url=${encodeURIComponent(jsonUrl)})`,
  };
}
