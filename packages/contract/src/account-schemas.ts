import { PLANS } from '@mcpulse/core/domain';
import { z } from 'zod';
import type { AnswerOf, RequestOf } from './wire.js';

export const accountSchema = z
  .object({
    user: z.object({ id: z.uuid(), email: z.string(), name: z.string() }).nullable(),
    organization: z.object({ id: z.uuid(), name: z.string(), plan: z.enum(PLANS) }),
    usage: z.object({ monitors: z.number().int(), monitorQuota: z.number().int() }),
    csrfToken: z.string().nullable(),
  })
  .meta({ id: 'Account' });

const credentials = z.object({
  email: z.email().max(254),
  password: z.string().min(10, 'must be at least 10 characters').max(200),
});

export const signUpBody = credentials.extend({
  name: z.string().max(200).optional(),
  organizationName: z.string().min(1).max(200).optional(),
});

export const logInBody = credentials.extend({ password: z.string().min(1).max(200) });

export type Account = AnswerOf<typeof accountSchema>;
export type SignUpBody = RequestOf<typeof signUpBody>;
export type LogInBody = RequestOf<typeof logInBody>;
