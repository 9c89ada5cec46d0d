import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppOptions, AppState } from '../app-options.js';
import type { ProbeSlots } from '../domain/monitors/probe-slots.js';

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What every route module receives: the typed app scope, resolved options and process state. */
export interface RouteContext {
  app: ZodApp;
  options: AppOptions;
  state: AppState;
  now: () => Date;
  /** The per-organisation cap on probes the API runs, one for every route that probes. */
  probeSlots: ProbeSlots;
}
