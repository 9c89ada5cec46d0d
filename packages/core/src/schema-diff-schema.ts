import { z } from 'zod';
import { CHANGE_CLASSES, TOOL_CHANGE_KINDS } from './schema-change.js';

const toolChange = z.object({
  kind: z.enum(TOOL_CHANGE_KINDS),
  class: z.enum(CHANGE_CLASSES),
  path: z.string().optional(),
  detail: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

/**
 * A `SchemaDiff` as it leaves mcpulse, in API answers and webhook payloads
 * alike; each names it with `.meta({ id })` for its own published schema.
 */
export const schemaDiffSchema = z.object({
  identical: z.boolean(),
  breaking: z.boolean(),
  added: z.array(z.object({ name: z.string(), class: z.literal('compatible') })),
  removed: z.array(z.object({ name: z.string(), class: z.literal('breaking') })),
  changed: z.array(
    z.object({
      name: z.string(),
      class: z.enum(CHANGE_CLASSES),
      changes: z.array(toolChange),
      descriptionChanged: z.boolean(),
      annotationsChanged: z.boolean(),
    }),
  ),
  descriptionChanges: z.array(z.string()).describe('Tools whose description changed under the same name'),
});
