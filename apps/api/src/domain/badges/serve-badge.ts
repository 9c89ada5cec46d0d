import { NotFound } from '@mcpulse/core';
import type { BadgeFormat, BadgeKind, BadgeStyle } from '@mcpulse/core/domain';
import { etagMatches } from '../../entity-tags.js';
import type { BadgeCache } from './badge-cache.js';
import { badgeContent } from './badge-content.js';
import { type RenderedBadge, renderBadge } from './render-badge.js';

export interface BadgeRequest {
  monitorId: string;
  kind: BadgeKind;
  format: BadgeFormat;
  style: BadgeStyle;
  label?: string | undefined;
  ifNoneMatch?: string | undefined;
}

export interface BadgeAnswer {
  badge: RenderedBadge;
  /** The client's copy is current: answer 304 without the body. */
  notModified: boolean;
}

/**
 * One badge of a monitor whose owner made its badges public. A monitor with private badges and a
 * missing one both throw the same NotFound. `beforeRead` runs only for an id the cache does not
 * know, so a caller can budget those reads: a flood of made-up ids is what reaches the database,
 * whereas refreshing the badges of known monitors, however many a proxy fetches, is bounded by the
 * cache period already.
 */
export async function serveBadge(
  cache: BadgeCache,
  request: BadgeRequest,
  beforeRead: () => Promise<void>,
): Promise<BadgeAnswer> {
  if (!cache.knows(request.monitorId)) await beforeRead();
  const facts = await cache.factsOf(request.monitorId);
  if (!facts) throw new NotFound('monitor');
  const content = badgeContent(facts, request.kind, request.label);
  const key = JSON.stringify([request.format, request.style, content.label, content.message, content.color]);
  const badge = cache.drawn(key, () => renderBadge(content, request.format, request.style));
  return { badge, notModified: etagMatches(request.ifNoneMatch, badge.etag) };
}
