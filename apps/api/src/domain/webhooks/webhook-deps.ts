import type { AppOptions } from '../../app-options.js';

/** The part of the app's options the webhook verbs use; routes pass the options themselves. */
export type WebhookDeps = Pick<
  AppOptions,
  'db' | 'secretKey' | 'allowPrivateTargets' | 'allowedTargetCidrs' | 'queues' | 'logger'
>;
