import {
  BADGE_FORMATS,
  BADGE_KINDS,
  BADGE_LIMITS,
  BADGE_STYLES,
  type BadgeFormat,
  type BadgeKind,
} from '@mcpulse/core/domain';
import { z } from 'zod';
import type { AnswerOf, RequestOf } from './wire.js';

const badgeFiles = BADGE_KINDS.flatMap((kind) =>
  BADGE_FORMATS.map((format) => `${kind}.${format}` as `${BadgeKind}.${BadgeFormat}`),
);

export const badgeParams = z.object({
  id: z.uuid(),
  badge: z
    .enum(badgeFiles as [`${BadgeKind}.${BadgeFormat}`, ...`${BadgeKind}.${BadgeFormat}`[]])
    .describe('The badge and its format: `.svg` the image, `.json` the shields.io endpoint-badge document'),
});

export const badgeQuery = z.object({
  style: z.enum(BADGE_STYLES).default('flat').describe('The shields.io style of the image'),
  label: z
    .string()
    .min(1)
    .max(BADGE_LIMITS.labelChars)
    .optional()
    .describe("Replaces the badge's label (left part)"),
});

/** The shields.io endpoint-badge document (`https://img.shields.io/endpoint?url=…`). */
export const shieldsEndpointSchema = z
  .object({
    schemaVersion: z.literal(1),
    label: z.string(),
    message: z.string(),
    color: z.string(),
    style: z.enum(BADGE_STYLES).optional(),
    cacheSeconds: z.number().int(),
  })
  .meta({ id: 'ShieldsEndpointBadge' });

export const badgeSettingsSchema = z
  .object({ public: z.boolean().describe('Whether anyone may fetch the monitor’s badges') })
  .meta({ id: 'BadgeSettings' });

export const badgeSettingsBody = z.object({ public: z.boolean() });

export type BadgeQuery = RequestOf<typeof badgeQuery>;
export type ShieldsEndpointBadge = AnswerOf<typeof shieldsEndpointSchema>;
export type BadgeSettings = AnswerOf<typeof badgeSettingsSchema>;
export type BadgeSettingsBody = RequestOf<typeof badgeSettingsBody>;
