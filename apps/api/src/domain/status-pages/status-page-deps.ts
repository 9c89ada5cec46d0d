import type { AppOptions } from '../../app-options.js';

/** The part of the app's options the status page verbs use; routes pass the options themselves. */
export type StatusPageDeps = Pick<
  AppOptions,
  'db' | 'publicUrl' | 'allowedHosts' | 'queues' | 'logger' | 'secretKey' | 'dnsServers'
>;
