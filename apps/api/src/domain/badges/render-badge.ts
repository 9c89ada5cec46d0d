import { BADGE_MAX_AGE_SECONDS, type BadgeFormat, type BadgeStyle } from '@mcpulse/core/domain';
import { makeBadge } from 'badge-maker';
import { etagOf } from '../../entity-tags.js';
import type { BadgeContent } from './badge-content.js';

/** A badge ready to send: its bytes and the validator of exactly those bytes. */
export interface RenderedBadge {
  body: string;
  contentType: string;
  etag: string;
}

/** shields.io reads an endpoint no more often than this, whatever the document asks. */
const SHIELDS_MIN_CACHE_SECONDS = 300;

/**
 * Draws a badge with shields.io's own renderer (badge-maker), which escapes the label and message
 * as XML text and attributes. `content` must already be bounded (badge-content.ts).
 */
export function renderBadge(content: BadgeContent, format: BadgeFormat, style: BadgeStyle): RenderedBadge {
  const body =
    format === 'svg'
      ? makeBadge({ label: content.label, message: content.message, color: content.color, style })
      : JSON.stringify({
          schemaVersion: 1,
          label: content.label,
          message: content.message,
          color: content.color,
          ...(style === 'flat' ? {} : { style }),
          cacheSeconds: Math.max(BADGE_MAX_AGE_SECONDS, SHIELDS_MIN_CACHE_SECONDS),
        });
  return {
    body,
    contentType: format === 'svg' ? 'image/svg+xml; charset=utf-8' : 'application/json; charset=utf-8',
    etag: etagOf(body),
  };
}
