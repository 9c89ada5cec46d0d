import { z } from 'zod';
import type { AnswerOf } from './wire.js';

/** Every error answer of the API: a stable code, a message for people, and the field or limit it is about. */
export const errorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      field: z.string().optional(),
      limit: z.number().optional(),
    }),
  })
  .meta({ id: 'Error' });

/** The body of a 204 answer. */
export const noContent = z.null();

/** A conditional GET whose If-None-Match names the current ETag: a 304, no body. */
export const notModified = noContent.describe('Not modified: the If-None-Match tag is still current');

export const idParams = z.object({ id: z.uuid() });

export type ApiErrorBody = AnswerOf<typeof errorResponse>;
